-- Load for wrk (bench/src/wrk.mjs): sends the requests listed in a file, one per line
-- ("METHOD<tab>PATH<tab>BODY"), in order and round again; "{n}" in a body becomes "<run>-<number
-- of the request>", so that every request of a run names something new (an image tag). Prints the
-- summary as one JSON line for wrk.mjs to read.
-- Usage: wrk -t1 -c<n> -d<s> -s wrk.lua <url> -- <requests file> <run> <auth token>
local entries = {}
local run = ""
local headers = {}
local sent = 0

function init(args)
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    entries[#entries + 1] = { method = method, path = path, body = body ~= "" and body or nil }
  end
  run = args[2]
  headers["content-type"] = "application/json"
  headers["x-auth-token"] = args[3]
end

function request()
  local entry = entries[(sent % #entries) + 1]
  sent = sent + 1
  local body = entry.body and entry.body:gsub("{n}", run .. "-" .. sent)
  return wrk.format(entry.method, entry.path, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
