package dev.springcohere.engine.constrain;

import java.util.ArrayList;
import java.util.List;

/**
 * The schemas of the sampled suites ({@link ConstrainedSamplingSuiteTests},
 * {@link BudgetSuiteTests}): every supported keyword, alone and combined, as
 * {@code {name, schema}} pairs.
 */
final class SuiteSchemas {

	private SuiteSchemas() {
	}

	static List<String[]> all() {
		List<String[]> list = new ArrayList<>();
		list.add(s("flat-required", """
				{"type":"object","properties":{"name":{"type":"string","maxLength":12},"age":{"type":"integer"}},
				 "required":["name","age"],"additionalProperties":false}"""));
		list.add(s("optional-properties",
				"""
						{"type":"object","properties":{"a":{"type":"string","maxLength":5},"b":{"type":"boolean"},"c":{"type":"null"}},
						 "required":["b"],"additionalProperties":false}"""));
		list.add(s("string-enum", """
				{"type":"object","properties":{"color":{"type":"string","enum":["red","green","blue","re"]}},
				 "required":["color"]}"""));
		list.add(s("mixed-enum", """
				{"type":"object","properties":{"v":{"enum":[1,10,"x",true,null,2.5]}},"required":["v"]}"""));
		list.add(s("const", """
				{"type":"object","properties":{"kind":{"const":"event"},"n":{"const":42}},"required":["kind","n"]}"""));
		list.add(s("pattern-digits", """
				{"type":"object","properties":{"code":{"type":"string","pattern":"[A-Z]{2}-[0-9]{3,5}"}},
				 "required":["code"]}"""));
		list.add(s("pattern-alternation", """
				{"type":"object","properties":{"p":{"type":"string","pattern":"^(cat|dog)s?( and (cat|dog)s?)*$"}},
				 "required":["p"]}"""));
		list.add(s("pattern-quote-escape", """
				{"type":"object","properties":{"q":{"type":"string","pattern":"a\\"b\\\\\\\\c[\\\\n\\\\t]"}},
				 "required":["q"]}"""));
		list.add(s("pattern-unicode", """
				{"type":"object","properties":{"u":{"type":"string","pattern":"[àé€😀]{1,4}x"}},"required":["u"]}"""));
		list.add(s("format-date", """
				{"type":"object","properties":{"d":{"type":"string","format":"date"}},"required":["d"]}"""));
		list.add(s("format-date-time", """
				{"type":"object","properties":{"t":{"type":"string","format":"date-time"}},"required":["t"]}"""));
		list.add(s("format-time", """
				{"type":"object","properties":{"t":{"type":"string","format":"time"}},"required":["t"]}"""));
		list.add(s("format-uuid", """
				{"type":"object","properties":{"id":{"type":"string","format":"uuid"}},"required":["id"]}"""));
		list.add(s("format-email", """
				{"type":"object","properties":{"to":{"type":"string","format":"email"}},"required":["to"]}"""));
		list.add(s("integer-bounds", """
				{"type":"object","properties":{"i":{"type":"integer","minimum":-5,"maximum":17}},"required":["i"]}"""));
		list.add(s("integer-exclusive", """
				{"type":"object","properties":{"i":{"type":"integer","exclusiveMinimum":99,"exclusiveMaximum":103}},
				 "required":["i"]}"""));
		list.add(s("number-bounds",
				"""
						{"type":"object","properties":{"x":{"type":"number","minimum":-1.5,"maximum":2.25}},"required":["x"]}"""));
		list.add(s("number-narrow-exclusive", """
				{"type":"object","properties":{"x":{"type":"number","exclusiveMinimum":0.1,"exclusiveMaximum":0.1001}},
				 "required":["x"]}"""));
		list.add(s("number-negative-only", """
				{"type":"object","properties":{"x":{"type":"number","maximum":-1000}},"required":["x"]}"""));
		list.add(s("unbounded-numbers", """
				{"type":"object","properties":{"x":{"type":"number"},"i":{"type":"integer"}},"required":["x","i"]}"""));
		list.add(s("boolean-null", """
				{"type":"object","properties":{"b":{"type":"boolean"},"n":{"type":"null"}},"required":["b","n"]}"""));
		list.add(s("array-bounds", """
				{"type":"object","properties":{"xs":{"type":"array","items":{"type":"integer","minimum":0,"maximum":9},
				 "minItems":2,"maxItems":4}},"required":["xs"]}"""));
		list.add(s("array-exact", """
				{"type":"object","properties":{"xs":{"type":"array","items":{"type":"boolean"},"minItems":3,
				 "maxItems":3}},"required":["xs"]}"""));
		list.add(s("array-of-objects", """
				{"type":"object","properties":{"items":{"type":"array","maxItems":3,"items":{"type":"object",
				 "properties":{"id":{"type":"integer"},"tag":{"enum":["a","b"]}},"required":["id","tag"]}}},
				 "required":["items"]}"""));
		list.add(s("list-of-lists", """
				{"type":"object","properties":{"m":{"type":"array","maxItems":2,"items":{"type":"array","maxItems":2,
				 "items":{"type":"number"}}}},"required":["m"]}"""));
		list.add(s("untyped-array", """
				{"type":"object","properties":{"any":{"type":"array","maxItems":2}},"required":["any"]}"""));
		list.add(s("nested-objects", """
				{"type":"object","properties":{"user":{"type":"object","properties":{"name":{"type":"string",
				 "pattern":"[a-z]{1,8}"},"address":{"type":"object","properties":{"zip":{"type":"string",
				 "pattern":"[0-9]{5}"},"city":{"enum":["Paris","Oslo"]}},"required":["zip","city"],
				 "additionalProperties":false}},"required":["name","address"],"additionalProperties":false}},
				 "required":["user"],"additionalProperties":false}"""));
		list.add(s("anyOf-scalars", """
				{"type":"object","properties":{"v":{"anyOf":[{"type":"integer","minimum":0,"maximum":3},
				 {"type":"string","format":"date"},{"type":"null"}]}},"required":["v"]}"""));
		list.add(s("anyOf-objects", """
				{"type":"object","properties":{"shape":{"anyOf":[
				 {"type":"object","properties":{"kind":{"const":"circle"},"r":{"type":"number","minimum":0}},
				  "required":["kind","r"],"additionalProperties":false},
				 {"type":"object","properties":{"kind":{"const":"rect"},"w":{"type":"integer"},"h":{"type":"integer"}},
				  "required":["kind","w","h"],"additionalProperties":false}]}},"required":["shape"]}"""));
		list.add(s("anyOf-shared-prefix", """
				{"type":"object","properties":{"v":{"anyOf":[{"type":"string","pattern":"ab[0-9]"},
				 {"type":"string","pattern":"abc"}]}},"required":["v"]}"""));
		list.add(s("type-list", """
				{"type":"object","properties":{"v":{"type":["integer","null"],"minimum":1,"maximum":2}},
				 "required":["v"]}"""));
		list.add(s("ref-defs", """
				{"type":"object","$defs":{"point":{"type":"object","properties":{"x":{"type":"integer"},
				 "y":{"type":"integer"}},"required":["x","y"],"additionalProperties":false}},
				 "properties":{"from":{"$ref":"#/$defs/point"},"to":{"$ref":"#/$defs/point"}},
				 "required":["from","to"]}"""));
		list.add(s("recursive-ref", """
				{"type":"object","$defs":{"node":{"type":"object","properties":{"v":{"type":"integer","minimum":0,
				 "maximum":9},"kids":{"type":"array","maxItems":2,"items":{"$ref":"#/$defs/node"}}},
				 "required":["v"],"additionalProperties":false}},
				 "properties":{"root":{"$ref":"#/$defs/node"}},"required":["root"]}"""));
		list.add(s("free-strings-escapes", """
				{"type":"object","properties":{"s":{"type":"string","maxLength":16},"t":{"type":"string","minLength":3,
				 "maxLength":6}},"required":["s","t"]}"""));
		list.add(s("keys-needing-escapes", """
				{"type":"object","properties":{"a\\"b":{"type":"integer"},"é/ü":{"type":"boolean"}},
				 "required":["a\\"b","é/ü"]}"""));
		list.add(s("untyped-object", """
				{"type":"object","properties":{"meta":{"type":"object"}},"required":["meta"]}"""));
		list.add(s("tool-like-nested",
				"""
						{"type":"object","properties":{"query":{"type":"string","pattern":"[a-z ]{1,20}"},
						 "filters":{"type":"object","properties":{"from":{"type":"string","format":"date"},
						 "limit":{"type":"integer","minimum":1,"maximum":50},"sort":{"enum":["asc","desc"]}},
						 "required":["limit"],"additionalProperties":false},"tags":{"type":"array","items":{"type":"string",
						 "pattern":"[a-z]{2,6}"},"maxItems":3}},"required":["query","filters"],"additionalProperties":false}"""));
		list.add(s("oneOf-by-type", """
				{"type":"object","properties":{"v":{"oneOf":[{"type":"string","maxLength":4},{"type":"integer",
				 "minimum":0,"maximum":99},{"type":"null"}]}},"required":["v"]}"""));
		list.add(s("oneOf-discriminated", """
				{"type":"object","properties":{"shape":{"oneOf":[
				 {"type":"object","properties":{"kind":{"const":"circle"},"r":{"type":"number","minimum":0}},
				  "required":["kind","r"]},
				 {"type":"object","properties":{"kind":{"const":"rect"},"w":{"type":"integer"},"h":{"type":"integer"}},
				  "required":["kind","w","h"]}]}},"required":["shape"]}"""));
		list.add(s("allOf-merged",
				"""
						{"type":"object","$defs":{"named":{"type":"object","properties":{"name":{"type":"string","maxLength":8}},
						 "required":["name"]}},
						 "properties":{"item":{"allOf":[{"$ref":"#/$defs/named"},{"properties":{"qty":{"type":"integer",
						 "minimum":1,"maximum":5}},"required":["qty"]}]},
						 "code":{"allOf":[{"type":"string","pattern":"[A-Z0-9]{2,6}"},{"pattern":"[A-Z]+[0-9]*"}]}},
						 "required":["item","code"]}"""));
		list.add(s("ref-with-siblings", """
				{"type":"object","$defs":{"base":{"type":"object","properties":{"id":{"type":"integer","minimum":0}},
				 "required":["id"]}},"properties":{"x":{"$ref":"#/$defs/base","properties":{"tag":{"enum":["a","b"]}},
				 "required":["tag"]}},"required":["x"]}"""));
		list.add(s("additionalProperties-schema", """
				{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"],
				 "additionalProperties":{"type":"string","maxLength":6},"maxProperties":4}"""));
		list.add(s("map-of-integers", """
				{"type":"object","properties":{"counts":{"type":"object","additionalProperties":{"type":"integer",
				 "minimum":0},"minProperties":2,"maxProperties":5}},"required":["counts"]}"""));
		list.add(s("min-max-properties", """
				{"type":"object","properties":{"a":{"type":"boolean"},"b":{"type":"null"},"c":{"enum":[1,2]},
				 "d":{"type":"string","maxLength":3}},"minProperties":2,"maxProperties":3}"""));
		list.add(s("unique-enum", """
				{"type":"object","properties":{"tags":{"type":"array","items":{"enum":["red","green","blue"]},
				 "uniqueItems":true,"minItems":2}},"required":["tags"]}"""));
		list.add(s("unique-strings", """
				{"type":"object","properties":{"words":{"type":"array","items":{"type":"string","maxLength":3},
				 "uniqueItems":true,"minItems":3,"maxItems":6}},"required":["words"]}"""));
		list.add(s("unique-small-integers", """
				{"type":"object","properties":{"xs":{"type":"array","items":{"type":"integer","minimum":0,"maximum":3},
				 "uniqueItems":true,"minItems":2}},"required":["xs"]}"""));
		list.add(s("unique-patterned", """
				{"type":"object","properties":{"ids":{"type":"array","items":{"type":"string","pattern":"[ab][0-1]"},
				 "uniqueItems":true,"minItems":3}},"required":["ids"]}"""));
		list.add(s("prefixItems", """
				{"type":"object","properties":{"row":{"type":"array","prefixItems":[{"type":"integer"},
				 {"type":"string","format":"date"},{"type":"boolean"}],"items":false,"minItems":2}},
				 "required":["row"]}"""));
		list.add(s("prefixItems-then-items", """
				{"type":"object","properties":{"p":{"type":"array","prefixItems":[{"const":"head"}],
				 "items":{"type":"number","minimum":0,"maximum":1},"maxItems":4}},"required":["p"]}"""));
		list.add(s("multipleOf",
				"""
						{"type":"object","properties":{"step":{"type":"integer","multipleOf":15,"minimum":-100,"maximum":100},
						 "price":{"type":"number","multipleOf":0.05,"minimum":0,"maximum":10}},"required":["step","price"]}"""));
		list.add(s("pattern-with-length", """
				{"type":"object","properties":{"slug":{"type":"string","pattern":"[a-z]+(-[a-z]+)*","minLength":4,
				 "maxLength":9},"day":{"type":"string","format":"date","maxLength":10}},"required":["slug","day"]}"""));
		list.add(s("formats-network", """
				{"type":"object","properties":{"host":{"type":"string","format":"hostname"},"v4":{"type":"string",
				 "format":"ipv4"},"v6":{"type":"string","format":"ipv6"},"uri":{"type":"string","format":"uri"}},
				 "required":["host","v4","v6","uri"]}"""));
		list.add(s("formats-time", """
				{"type":"object","properties":{"at":{"type":"string","format":"time"},"for":{"type":"string",
				 "format":"duration"},"mail":{"type":"string","format":"email"}},"required":["at","for","mail"]}"""));
		list.add(s("type-and-anyOf", """
				{"type":"object","properties":{"v":{"type":"string","anyOf":[{"maxLength":2},{"pattern":"x+y"}]}},
				 "required":["v"]}"""));
		list.add(s("unbounded-free-strings",
				"""
						{"type":"object","properties":{"text":{"type":"string"},"more":{"type":"array","items":{"type":"string"}}},
						 "required":["text","more"]}"""));
		return list;
	}

	private static String[] s(String name, String schema) {
		return new String[] { name, schema };
	}

}
