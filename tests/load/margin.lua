-- Adds and removes a little margin on one isolated position, in turn.
local n = 0
request = function()
  n = n + 1
  local kind = (n % 2 == 0) and "remove" or "add"
  return wrk.format("POST", "/v1/positions/t0~BTCUSDT~isolated/margin", {["Content-Type"] = "application/json", ["X-Api-Key"] = os.getenv("TRADER_KEY")}, '{"type":"' .. kind .. '","amount":"0.01"}')
end
