_hog = []
while True:
    _hog.append(bytearray(10 ** 7))
