"""Rules of the restated family."""
