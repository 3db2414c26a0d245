request = function()
  return wrk.format("POST", "/v1/estimate/position", {["Content-Type"] = "application/json", ["X-Api-Key"] = os.getenv("TRADER_KEY")}, '{"symbol":"BTCUSDT","side":"long","quantity":"0.5","price":"20000","leverage":"20"}')
end
