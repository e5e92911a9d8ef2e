"""Decode the DER UTF8String that carries each fact in an otherName value.

`cryptography` hands over an otherName value as the raw DER of the inner
value. The JPKI facts are UTF8Strings, and an address of up to 200
characters needs the long form of the DER length, so both forms are read.
"""

_UTF8_STRING_TAG = 0x0C


def decode_utf8_string(der):
    """Return the text of one DER-encoded UTF8String.

    Raise ValueError for any other tag, a length that is not minimal DER,
    bytes after the value, or text that is not UTF-8.
    """
    if len(der) < 2 or der[0] != _UTF8_STRING_TAG:
        raise ValueError("not a UTF8String")
    length, start = _read_length(der)
    if len(der) != start + length:
        raise ValueError("UTF8String length does not match its content")
    return der[start:].decode("utf-8")


def _read_length(der):
    first = der[1]
    if first < 0x80:
        return first, 2
    count = first & 0x7F
    if count == 0 or count > 4 or len(der) < 2 + count:
        raise ValueError("unsupported DER length")
    length_bytes = der[2 : 2 + count]
    length = int.from_bytes(length_bytes, "big")
    # DER demands the shortest form; anything else is a different encoding
    # of the same value and has no place in a signed certificate.
    if length_bytes[0] == 0 or length < 0x80:
        raise ValueError("non-minimal DER length")
    return length, 2 + count
