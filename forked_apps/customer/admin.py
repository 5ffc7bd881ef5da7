from oscar.apps.customer.admin import *
