-- Test helper: makes this mpv run 1 % faster than whatever speed it is asked for, for good: every time the speed
-- is set (by the agent's drift correction or at startup), it is set again to 1.01 times that value. A stand-in for a
-- player whose clock persistently runs fast.
local own = nil
mp.observe_property("speed", "number", function(_, value)
  if value == nil then return end
  if own ~= nil and math.abs(value - own) < 1e-9 then return end
  own = value * 1.01
  mp.set_property_number("speed", own)
end)
