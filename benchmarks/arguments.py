"""The benchmarks' argument type: a whole number within bounds, refused by argparse otherwise."""
import argparse


def whole_number(minimum, maximum=None):
    """An argparse type: an int from minimum (to maximum); anything else is a usage error."""
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f"of at least {minimum}" if maximum is None else f"from {minimum} to {maximum}"
            raise argparse.ArgumentTypeError(f"must be a whole number {bounds}, got {value}")
        return value
    return parse
