"""The kernel: what every feature shares: errors, the one clock, ids and the id-or-name resolver, text matching, paths and atomic files."""
