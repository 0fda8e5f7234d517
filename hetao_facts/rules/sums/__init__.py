"""Rules of the sums family."""
