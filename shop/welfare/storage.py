"""Private storage for claim receipts: outside MEDIA_ROOT, with no URL.

Receipts name family members and health or care expenses: they are served only by
``views.ClaimReceiptView`` (and its dashboard twin), which checks who is asking.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateReceiptStorage(FileSystemStorage):
    def __init__(self, **kwargs):
        super().__init__(location=settings.SHOP_PRIVATE_MEDIA_ROOT, base_url=None, **kwargs)

    def url(self, name):
        raise ValueError("Receipts have no public URL: serve them through a permission-checking view.")
