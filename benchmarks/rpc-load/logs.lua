-- eth_getLogs over a block range; list: lines "FROM TO" (0x quantities).
method = "eth_getLogs"
function params(v) return '{"fromBlock":"' .. v:match('^(%S+)') .. '","toBlock":"' .. v:match('(%S+)$') .. '"}' end
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "common.lua")
