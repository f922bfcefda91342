-- wrk script of bench/run.sh: sends the requests written by bench/WrkRequests.java in turn, or
-- their bodies to the no-op endpoint; paced at RATE requests/s in all when RATE > 0. done()
-- prints one "result" line of key=value numbers for run.sh.
--
--   wrk -t THREADS -c CONNECTIONS -d SECONDS -s bench/load.lua URL -- FILE decisions|noop THREADS [RATE]

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local now = ffi.new("bench_timespec")

local function milliseconds(clock)
  ffi.C.clock_gettime(clock, now)
  return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
end
local MONOTONIC, THREAD_CPU = 1, 3

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("id", #threads)
end

function init(args)
  local file, mode, thread_count, rate = args[1], args[2], tonumber(args[3]), tonumber(args[4] or 0)
  wrk.headers["Content-Type"] = "application/json"
  requests = {}
  for line in io.lines(file) do
    local path, body = line:match("^(%S+) (.*)$")
    requests[#requests + 1] = wrk.format("POST", mode == "noop" and "/api/v1/noop" or path, nil, body)
  end
  position = math.floor((id - 1) * #requests / thread_count)  -- each thread starts at its own place
  sent = 0
  if rate > 0 then
    pace(1000 * thread_count / rate)
  end
end

-- The thread's CPU time is sampled every 64 requests from its second: wrk calls request() once
-- from its main thread to check the script, and init() runs there too, so that neither the
-- check nor loading the requests counts as the cost of sending them.
function request()
  position = position % #requests + 1
  if sent % 64 == 1 then
    cpu_ms, cpu_sent = milliseconds(THREAD_CPU), sent
    first_cpu_ms, first_cpu_sent = first_cpu_ms or cpu_ms, first_cpu_sent or sent
  end
  sent = sent + 1
  return requests[position]
end

-- wrk asks delay() for the milliseconds to wait before each request of the thread: the k-th
-- request is due at start + k * interval, so that a late one does not shift the ones after it.
function pace(interval)
  local start, due = milliseconds(MONOTONIC), 0
  delay = function()
    due = due + 1
    return math.max(0, start + due * interval - milliseconds(MONOTONIC))
  end
end

-- unanswered: the requests sent without a complete answer (cut by a socket error, or still in
-- flight when the run ended), less wrk's check call.
function done(summary, latency)
  local sent, cpu_ms, cpu_requests = -1, 0, 0
  for _, thread in ipairs(threads) do
    sent = sent + (thread:get("sent") or 0)
    cpu_ms = cpu_ms + (thread:get("cpu_ms") or 0) - (thread:get("first_cpu_ms") or 0)
    cpu_requests = cpu_requests + (thread:get("cpu_sent") or 0) - (thread:get("first_cpu_sent") or 0)
  end
  local e = summary.errors
  io.write(string.format("result requests=%d seconds=%.3f status=%d connect=%d read=%d write=%d timeout=%d"
      .. " unanswered=%d p50=%.2f p95=%.2f p99=%.2f wrk_us=%.1f\n",
    summary.requests, summary.duration / 1e6, e.status, e.connect, e.read, e.write, e.timeout,
    sent - summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, cpu_requests > 0 and 1000 * cpu_ms / cpu_requests or 0))
end
