"""Rules of the reference family."""
