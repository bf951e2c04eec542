"""Exercises for the reader: predict-then-reveal questions, the purchase exercise, break-it,
and the checker of the reader's own layers. Plain Python and numpy: no widgets here."""
