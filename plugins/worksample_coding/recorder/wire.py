"""The pipe between the recorder's process and the candidate's: length-prefixed JSON messages."""

import json
import struct

HEADER = struct.Struct(">I")


class WireError(Exception):
    """The other side sent what is not a message, or closed the pipe."""


def send(sock, message):
    data = json.dumps(message).encode("utf-8", "surrogatepass")
    sock.sendall(HEADER.pack(len(data)) + data)


def receive(sock, max_bytes):
    size, = HEADER.unpack(_exactly(sock, HEADER.size))
    if size > max_bytes:
        raise WireError("a message of %d bytes, over the limit of %d" % (size, max_bytes))
    try:
        message = json.loads(_exactly(sock, size).decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError) as error:
        raise WireError("a message that is not JSON: %s" % error) from None
    if not isinstance(message, dict):
        raise WireError("a message that is not an object")
    return message


def _exactly(sock, size):
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise WireError("the candidate's process ended")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
