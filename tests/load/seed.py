#!/usr/bin/env python3
"""Writes a scenario with N isolated traders (each long or short against a market maker) for the load test."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
out = sys.stdout
out.write('{"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"binance","tickSize":"0.1","lotSize":"0.001","tiers":[{"cap":"1000000000","mmr":"0.005","maxLeverage":"100"}]}\n')
out.write('{"type":"markPrice","symbol":"BTCUSDT","price":"20000"}\n')
out.write('{"type":"createAccount","account":"mm"}\n{"type":"deposit","account":"mm","asset":"USDT","amount":"10000000000"}\n')
out.write('{"type":"createAccount","account":"carol"}\n{"type":"deposit","account":"carol","asset":"USDT","amount":"100000000"}\n')
for i in range(n):
    t = f"t{i}"
    lev = 5 + i % 45
    price = 19000 + (i * 7919) % 2000
    buyer, seller = ((f'{{"account":"{t}","scope":"isolated","leverage":"{lev}"}}', '{"account":"mm","scope":"cross","leverage":"2"}')
                     if i % 2 == 0 else ('{"account":"mm","scope":"cross","leverage":"2"}', f'{{"account":"{t}","scope":"isolated","leverage":"{lev}"}}'))
    out.write(f'{{"type":"createAccount","account":"{t}"}}\n')
    out.write(f'{{"type":"deposit","account":"{t}","asset":"USDT","amount":"10000"}}\n')
    out.write(f'{{"type":"trade","symbol":"BTCUSDT","price":"{price}","quantity":"0.01","buyer":{buyer},"seller":{seller}}}\n')
