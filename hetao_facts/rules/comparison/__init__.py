"""Rules of the comparison family."""
