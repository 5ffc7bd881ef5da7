-- A logged-in customer per wrk thread (own session, own basket, so no two threads lock
-- the same basket row). Environment:
--   STOREFRONT_SESSIONS  session keys separated by commas, one per thread
--   STOREFRONT_CSRF      CSRF secret sent both as cookie and as form field
--   STOREFRONT_METHOD    GET (default) or POST;  STOREFRONT_BODY  extra form fields
dofile(os.getenv("STOREFRONT_LUA") .. "/report.lua")

local keys = {}
for key in string.gmatch(os.getenv("STOREFRONT_SESSIONS") or "", "[^,]+") do
  keys[#keys + 1] = key
end
local handed_out = 0

function setup(thread)
  handed_out = handed_out + 1
  thread:set("session_key", keys[(handed_out - 1) % #keys + 1])
end

function init(args)
  local csrf = os.getenv("STOREFRONT_CSRF")
  wrk.method = os.getenv("STOREFRONT_METHOD") or "GET"
  wrk.headers["Cookie"] = "sessionid=" .. session_key .. "; csrftoken=" .. csrf
  if wrk.method == "POST" then
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
    local body = os.getenv("STOREFRONT_BODY") or ""
    wrk.body = "csrfmiddlewaretoken=" .. csrf .. (body ~= "" and ("&" .. body) or "")
  end
end
