"""The Flask-free extraction core: text in, quotes and speakers out."""
