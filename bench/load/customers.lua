-- wrk script: POST /v1/customers with a unique id and varied PII per request.
-- Usage: wrk -t2 -c16 -d30s --latency -s bench/load/customers.lua http://127.0.0.1:8080 -- <api key>
local counter = 0
local key
local threads = 0

-- Each wrk thread has its own Lua state with the same random seed: give each its own id range.
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  key = args[1]
  counter = (os.time() % 100000) * 1000000000 + thread_id * 10000000
end

function request()
  counter = counter + 1
  local id = "load-" .. counter
  local body = string.format(
    '{"id":"%s","fullName":"Load Test %d","dateOfBirth":"1980-01-%02d","nationalId":"LT-%09d","email":"load%d@example.com","phone":"+4915112%05d","address":"%d Bench Street","nationality":"DE","country":"DE","riskRating":"low","pep":false,"segment":"retail"}',
    id, counter, (counter % 28) + 1, counter, counter, counter % 100000, counter % 999)
  return wrk.format("POST", "/v1/customers", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. key,
  }, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests: %d, non-2xx/3xx: %d, errors: connect %d read %d write %d timeout %d\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("p50: %.2f ms, p99: %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
