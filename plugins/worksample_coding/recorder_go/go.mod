module worksample/cases

go 1.19
