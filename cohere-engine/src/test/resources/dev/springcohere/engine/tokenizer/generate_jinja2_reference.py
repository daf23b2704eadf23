"""Writes jinja2-reference.json: renderings by Jinja2 itself, configured as Hugging Face's apply_chat_template
configures it (transformers' chat_template_utils: ImmutableSandboxedEnvironment, trim_blocks, lstrip_blocks,
loopcontrols, tojson = json.dumps(ensure_ascii=False), raise_exception, strftime_now).

The R+ tools avoid array parameters on purpose: there Jinja2 resolves `json_spec.items` to the dict's items
method (attribute before key) and prints `List[Union[]]`, a quirk the Java renderer does not reproduce.

Run from this directory: python3 generate_jinja2_reference.py  (needs jinja2 >= 3.1)
"""
import json
from datetime import datetime

import jinja2
import jinja2.ext
from jinja2.sandbox import ImmutableSandboxedEnvironment


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[jinja2.ext.loopcontrols])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception
env.globals["strftime_now"] = lambda fmt: datetime(2025, 3, 7, 14, 5, 9).strftime(fmt)

WHITESPACE = [
    "{% if true %}\n  hello\n{% endif %}\n",
    "  {% if true %}x{% endif %}  \nafter",
    "{%- macro m() -%}\n{# c #}\n    indented\n{%- endmacro %}[{{ m() }}]",
    "a  {#- c -#}  b",
    "{% for i in [1, 2] %}\n    {{ i }}\n{% endfor %}",
    "x {{- ' y ' -}} z",
    "  {%+ if true %}a{% endif +%}\nb",
    "line\n    {% raw %}{{ not evaluated }}{% endraw %}\n",
    "{{ '%}' }} and {{ {'a': {'b': 1}}['a']['b'] }}",
    "text with trailing newline\n",
    "{# comment at start #}\nfirst line",
    "\t{% set x = 1 %}\n{{ x }}\r\nend",
    "{% for i in range(3) %}{% if i == 1 %}{% continue %}{% endif %}{{ i }}{% endfor %}",
    "A\n  {#- c #}\n  B {{ 1 -}}\n\n  C",
    "{% macro f(x) -%}\n  [{{ x }}]\n{%- endmacro %}\n{{ f(1) }}|{{ f('a') }}",
]

PYTHON = [
    "{{ '  Hi There  '.strip() }}|{{ 'abc'.upper() }}|{{ 'ABC'.lower() }}|{{ 'xyz'.startswith('xy') }}|{{ 'xyz'.endswith(('q', 'z')) }}",
    "{{ ' a  b '.split() }}|{{ 'a,b,,c'.split(',') }}|{{ 'a-b-c'.replace('-', '+') }}|{{ 'hello world'.title() }}|{{ '--x--'.lstrip('-') }}|{{ '--x--'.rstrip('-') }}",
    "{% for k, v in {'b': 1, 'a': 2}.items() %}{{ k }}={{ v }};{% endfor %}|{{ {'k': 'v'}.get('k') }}|{{ {'k': 'v'}.get('z', 'dflt') }}|{{ {'x': 1, 'y': 2}.keys()|list }}",
    "{{ value|tojson }}",
    "{{ value|tojson(indent=4) }}",
    "{{ 'line1\\nline2\\n\\nline4'|indent(4) }}|{{ 'a\\nb'|indent(2, first=true) }}|{{ 'a\\n\\nb'|indent(2, blank=true) }}",
    "{{ strftime_now('%d %b %Y, %H:%M:%S (%A %B %-d %j %p %I)') }}",
    "{% for k, v in value|items %}{{ k }};{% endfor %}",
]

VALUE = {"b": 1.0, "a": [1e-07, 1e16, 0.1, 3, True, None, "é 😀 \n \"q\" \\ \u0001 \u007f"], "nested": {"empty": {}, "list": []}}

R_PLUS_MESSAGES = [
    {"role": "system", "content": "You are a helpful weather assistant."},
    {"role": "user", "content": "  What's the weather in Toronto and in Paris?  "},
    {"role": "assistant", "content": "I will check both cities.", "tool_calls": [
        {"id": "call_0", "type": "function", "function": {"name": "get_weather", "arguments": {"location": "Toronto", "unit": "celsius"}}},
        {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": {"location": "Paris"}}},
    ]},
    {"role": "tool", "tool_call_id": "call_0", "content": "[{\"temperature\": \"20C\"}]"},
    {"role": "tool", "tool_call_id": "call_1", "content": " [{\"temperature\": \"17C\"}] "},
]
R_PLUS_TOOLS = [
    {"type": "function", "function": {"name": "get_weather", "description": "Gets the weather of a location",
        "parameters": {"type": "object", "properties": {
            "location": {"type": "string", "description": "the city, e.g. Toronto"},
            "unit": {"type": ["string", "integer"], "description": "celsius or fahrenheit"},
            "extra": {"type": "object", "additionalProperties": {"type": "number"}, "description": "extras"}},
            "required": ["location"]}}},
    {"type": "function", "function": {"name": "directly_answer", "description": "Answers without tools",
        "parameters": {"type": "object", "properties": {}}}},
]

out = {
    "whitespace": [{"template": t, "rendered": env.from_string(t).render()} for t in WHITESPACE],
    "python": [{"template": t, "value": VALUE, "rendered": env.from_string(t).render(value=VALUE)} for t in PYTHON],
    "strftime_now_time": "2025-03-07T14:05:09",
}
with open("../../../../../../../../../shared/chat-templates/command-r-plus-tool-use.jinja") as f:
    r_plus = f.read()
out["command_r_plus"] = {
    "messages": R_PLUS_MESSAGES, "tools": R_PLUS_TOOLS, "bos_token": "<BOS_TOKEN>", "eos_token": "<|END_OF_TURN_TOKEN|>",
    "rendered": env.from_string(r_plus).render(messages=R_PLUS_MESSAGES, tools=R_PLUS_TOOLS, add_generation_prompt=True,
                                               bos_token="<BOS_TOKEN>", eos_token="<|END_OF_TURN_TOKEN|>"),
}
with open("jinja2-reference.json", "w") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
