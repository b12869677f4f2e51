"""prepcoach: an offline, private interview-preparation coach for the terminal."""

__version__ = "0.1.0"
