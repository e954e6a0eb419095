# The organisation writes dates the British way: 3 December 2026 (Django's English default
# is the American "Dec. 3, 2026"). The other languages keep Django's own formats.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
