-- Alternates the side of a small cross trade between carol and the market maker, so positions stay small.
local n = 0
request = function()
  n = n + 1
  local buyer, seller = '"carol"', '"mm"'
  if n % 2 == 0 then buyer, seller = '"mm"', '"carol"' end
  local body = '{"symbol":"BTCUSDT","price":"20000","quantity":"0.001","buyer":{"account":' .. buyer .. ',"scope":"cross","leverage":"2"},"seller":{"account":' .. seller .. ',"scope":"cross","leverage":"2"}}'
  return wrk.format("POST", "/v1/trades", {["Content-Type"] = "application/json", ["X-Api-Key"] = os.getenv("VENUE_KEY")}, body)
end
