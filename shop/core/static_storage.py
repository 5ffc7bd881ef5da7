"""Static files under hashed names, each name's URL found once per process.

``{% static %}`` asks the storage for a URL on every use: the manifest storage looks the
name up in the manifest and builds the URL again (about 20 µs; a page of the shop holds
about ten). The manifest is read when the process starts and does not change while it runs,
so a name's URL is the same every time: it is kept after the first answer. A name missing
from the manifest raises, as before, and nothing is kept; collecting the files again in
this process (``post_process``) forgets every kept URL.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class KeptUrlsStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept_urls: dict[tuple, str] = {}

    def url(self, name, force=False):
        key = (name, force, settings.DEBUG)  # with DEBUG on, the storage answers unhashed names
        url = self._kept_urls.get(key)
        if url is None:
            url = self._kept_urls[key] = super().url(name, force)
        return url

    def post_process(self, *args, **kwargs):
        self._kept_urls.clear()
        yield from super().post_process(*args, **kwargs)
        self._kept_urls.clear()
