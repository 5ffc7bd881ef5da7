-- An anonymous visitor: plain GET of the URL on the command line, no cookies.
dofile(os.getenv("STOREFRONT_LUA") .. "/report.lua")
