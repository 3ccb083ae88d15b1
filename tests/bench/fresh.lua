-- fresh.lua: wrk asks for the page with a query string no request used
-- before, so that no worker serves it from its visitor cache
-- (cache.visitor_*): what drawing the page costs. The pages ignore the
-- parameter. Each wrk thread numbers its own requests.
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  n = 0
  sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
end

function request()
  n = n + 1
  return wrk.format(nil, wrk.path .. sep .. "fresh=" .. tid .. "-" .. n)
end
