request = function()
  return wrk.format("GET", "/v1/positions/t0~BTCUSDT~isolated", {["X-Api-Key"] = os.getenv("TRADER_KEY")})
end
