-- vote.lua - wrk script of bench/vote.sh: each request a ballot of a new (voter, candidate) pair,
-- voters from TOKENS (one cookie a line), candidates from CANDIDATES ("id,id,..."), programme PID;
-- OFFSET skips the pairs an earlier run sent.
local tokens, cands, n = {}, {}, tonumber(os.getenv("OFFSET") or "0")
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
for id in string.gmatch(os.getenv("CANDIDATES"), "%d+") do cands[#cands + 1] = id end
local path = "/api/v1/programmes/" .. os.getenv("PID") .. "/votes"
request = function()
	local c = cands[n % #cands + 1]
	local v = tokens[math.floor(n / #cands) % #tokens + 1]
	n = n + 1
	return wrk.format("POST", path, { ["Content-Type"] = "application/json", ["Cookie"] = "px_voter=" .. v },
		'{"track":"organisation","candidates":[' .. c .. ']}')
end
