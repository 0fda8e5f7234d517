"""Rules of the enumeration family."""
