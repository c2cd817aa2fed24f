-- wrk script for bench/web_bench.py: walk a list of paths on one wrk thread.
--   wrk -t1 -c20 -d30s --timeout 60s -s bench/web_bench.lua http://127.0.0.1:PORT -- PATHS MODE
-- MODE "once": each path is asked exactly once, in order (first visits); a connection
-- with nothing left to ask waits, and the run stops when the last answer is in.
-- MODE "random": paths drawn at random, again and again, for the whole run (repeat visits).
local paths, mode = {}, "once"
local next_path, answered = 0, 0
local started = false  -- wrk calls request() once before the run, to check it: not a visit

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  mode = args[2] or "once"
  math.randomseed(2024)
  wrk.headers["Accept-Language"] = "en"
end

function delay()
  started = true
  -- Called before each request: with nothing left to ask, this connection idles;
  -- once every answer is in, the run stops (here, after wrk has counted the last one).
  if mode == "once" and answered >= #paths then wrk.thread:stop() end
  if mode == "once" and next_path >= #paths then return 3600 * 1000 end
  return 0
end

function request()
  local path
  if not started then
    path = paths[1]
  elseif mode == "once" then
    next_path = next_path + 1
    path = paths[next_path]
  else
    path = paths[math.random(#paths)]
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  answered = answered + 1
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "KUZET connect=%d read=%d write=%d timeout=%d requests=%d errors=%d non2xx=%d mean_us=%.0f p50_us=%d p95_us=%d p99_us=%d max_us=%d\n",
    e.connect, e.read, e.write, e.timeout, summary.requests, e.connect + e.read + e.write + e.timeout, e.status, latency.mean,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
