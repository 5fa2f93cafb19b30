"""How every report model with a float writes it to JSON.

What a candidate page's JSON has always said of a float that is not finite (json.dumps's
Infinity and NaN), now that pydantic writes the file (``view.CandidateFile``): pydantic's
default is null. Every page model with a float takes this config (a test walks them)."""

from pydantic import ConfigDict

PAGE_JSON = ConfigDict(ser_json_inf_nan="constants")
