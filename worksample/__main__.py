from worksample.cli import main

main()
