from oscar.apps.payment.models import *
