package server

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/valyala/fastjson"
)

// A bodyChecker validates a JSON response body against one schema of
// openapi.yaml without decoding it into Go maps. kin-openapi decodes a body with
// encoding/json into map[string]any and walks that; for a results body of 50
// documents the two cost about 260 µs, a quarter of a millisecond on every
// results poll of a running job, whose body changes each time. A checker is
// compiled once per schema from kin-openapi's own *openapi3.Schema (the "thin
// layer over its schema API" issue 8 allows) and walks a fastjson parse of the
// body.
//
// It knows the keywords openapi.yaml uses (type and type arrays, properties,
// required, additionalProperties, items, minItems/maxItems, enum, const,
// minimum/maximum, minLength/maxLength, pattern, and the formats kin-openapi
// registers). A schema with any other validating keyword is not compiled, and
// kin-openapi validates that body as before. TestBodyCheckerAgreesWithKinOpenAPI
// runs both on thousands of altered bodies of every response the spec declares
// and requires the same verdict; TestBodyCheckerKnowsEverySchemaField fails when
// a kin-openapi upgrade adds a schema field nobody has classified.
type bodyChecker struct {
	types     typeSet // 0: any type but null (kin-openapi's reading of a typeless 3.1 schema)
	anything  bool    // the empty schema: any value but null
	enum      []any
	hasConst  bool
	constVal  any
	min, max  *float64
	minLen    uint64
	maxLen    *uint64
	pattern   *regexp.Regexp
	strFormat openapi3.StringFormatValidator
	dateTime  bool // format date-time, checked by validDateTime
	numFormat openapi3.NumberFormatValidator

	props        map[string]*bodyChecker
	required     []string
	requiredBit  map[string]uint64 // a bit per required property, when there are at most 64
	allRequired  uint64
	noAdditional bool
	additional   *bodyChecker
	items        *bodyChecker
	minItems     uint64
	maxItems     *uint64
}

type typeSet uint8

const (
	tNull typeSet = 1 << iota
	tBoolean
	tInteger
	tNumber
	tString
	tArray
	tObject
)

var typeBits = map[string]typeSet{
	"null": tNull, "boolean": tBoolean, "integer": tInteger, "number": tNumber,
	"string": tString, "array": tArray, "object": tObject,
}

// errUnsupported marks a schema the checker does not compile.
var errUnsupported = errors.New("schema uses a keyword the body checker does not implement")

// bodyCheckers caches one compiled checker (or errUnsupported) per schema.
var bodyCheckers sync.Map // *openapi3.Schema → *compiledBody

type compiledBody struct {
	c   *bodyChecker
	err error
}

// checkerFor returns the compiled checker of schema, compiling it on first use.
func checkerFor(schema *openapi3.Schema) (*bodyChecker, error) {
	if v, ok := bodyCheckers.Load(schema); ok {
		cb := v.(*compiledBody)
		return cb.c, cb.err
	}
	c, err := compileChecker(schema, map[*openapi3.Schema]*bodyChecker{})
	v, _ := bodyCheckers.LoadOrStore(schema, &compiledBody{c, err})
	cb := v.(*compiledBody)
	return cb.c, cb.err
}

func compileChecker(s *openapi3.Schema, seen map[*openapi3.Schema]*bodyChecker) (*bodyChecker, error) {
	if s == nil {
		return nil, errUnsupported
	}
	if c, ok := seen[s]; ok {
		return c, nil
	}
	if unsupportedKeywords(s) {
		return nil, errUnsupported
	}
	c := &bodyChecker{}
	seen[s] = c
	if s.IsEmpty() {
		c.anything = true
		return c, nil
	}
	if s.Type != nil {
		for _, t := range *s.Type {
			bit, ok := typeBits[t]
			if !ok {
				return nil, errUnsupported
			}
			c.types |= bit
		}
	}
	for _, e := range s.Enum {
		if !scalar(e) {
			return nil, errUnsupported
		}
	}
	c.enum = s.Enum
	if s.Const != nil {
		if !scalar(s.Const) {
			return nil, errUnsupported
		}
		c.hasConst, c.constVal = true, s.Const
	}
	c.min, c.max = s.Min, s.Max
	c.minLen, c.maxLen = s.MinLength, s.MaxLength
	if s.Pattern != "" {
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return nil, errUnsupported
		}
		c.pattern = re
	}
	if s.Format != "" {
		c.strFormat = openapi3.SchemaStringFormats[s.Format]
		c.dateTime = s.Format == "date-time" && c.strFormat != nil
		c.numFormat = openapi3.SchemaNumberFormats[s.Format]
		if _, ok := openapi3.SchemaIntegerFormats[s.Format]; ok && s.Type.Permits(openapi3.TypeInteger) {
			return nil, errUnsupported
		}
	}
	if len(s.Properties) > 0 {
		c.props = make(map[string]*bodyChecker, len(s.Properties))
		for name, ref := range s.Properties {
			if ref == nil || ref.Value == nil {
				return nil, errUnsupported
			}
			pc, err := compileChecker(ref.Value, seen)
			if err != nil {
				return nil, err
			}
			c.props[name] = pc
		}
	}
	c.required = s.Required
	if n := len(s.Required); n > 0 && n <= 64 {
		c.requiredBit = make(map[string]uint64, n)
		for i, k := range s.Required {
			c.requiredBit[k] = 1 << i
		}
		c.allRequired = 1<<n - 1
		if n == 64 {
			c.allRequired = ^uint64(0)
		}
	}
	if has := s.AdditionalProperties.Has; has != nil && !*has {
		c.noAdditional = true
	}
	if ref := s.AdditionalProperties.Schema; ref != nil {
		if ref.Value == nil {
			return nil, errUnsupported
		}
		ac, err := compileChecker(ref.Value, seen)
		if err != nil {
			return nil, err
		}
		c.additional = ac
	}
	if s.Items != nil {
		if s.Items.Value == nil {
			return nil, errUnsupported
		}
		ic, err := compileChecker(s.Items.Value, seen)
		if err != nil {
			return nil, err
		}
		c.items = ic
	}
	c.minItems, c.maxItems = s.MinItems, s.MaxItems
	return c, nil
}

// unsupportedKeywords reports whether s uses a validating keyword the checker
// does not implement. Annotations (title, description, default, example(s),
// deprecated, readOnly, $comment, externalDocs, xml, extensions) do not count.
func unsupportedKeywords(s *openapi3.Schema) bool {
	return len(s.OneOf) > 0 || len(s.AnyOf) > 0 || len(s.AllOf) > 0 || s.Not != nil ||
		s.UniqueItems || s.ExclusiveMin.IsSet() || s.ExclusiveMax.IsSet() || s.Nullable ||
		s.WriteOnly || s.AllowEmptyValue || s.MultipleOf != nil || s.MinProps != 0 || s.MaxProps != nil ||
		s.Discriminator != nil || len(s.PrefixItems) > 0 || s.Contains != nil || s.MinContains != nil ||
		s.MaxContains != nil || len(s.PatternProperties) > 0 || len(s.DependentSchemas) > 0 ||
		s.PropertyNames != nil || s.UnevaluatedItems.Has != nil || s.UnevaluatedItems.Schema != nil ||
		s.UnevaluatedProperties.Has != nil || s.UnevaluatedProperties.Schema != nil ||
		s.If != nil || s.Then != nil || s.Else != nil || len(s.DependentRequired) > 0 || s.Always != nil ||
		s.SchemaID != "" || s.Anchor != "" || s.DynamicRef != "" || s.DynamicAnchor != "" ||
		s.ContentMediaType != "" || s.ContentEncoding != "" || s.ContentSchema != nil || len(s.Defs) > 0
}

func scalar(v any) bool {
	switch v.(type) {
	case nil, bool, string, float64, int, int64:
		return true
	}
	return false
}

// parsers are reused: a fastjson.Parser keeps its buffers between parses.
var parsers fastjson.ParserPool

// checkJSON validates body, one JSON value, against c.
func (c *bodyChecker) checkJSON(body []byte) error {
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(body)
	if err != nil {
		return fmt.Errorf("failed to decode response body: %w", err)
	}
	return c.check(v, nil)
}

// loc is where a value sits in the body: a chain of keys and indexes, kept on
// the stack and written out only when a value breaks the schema.
type loc struct {
	parent *loc
	key    []byte // the property's name; nil for an array element
	index  int
}

func (l *loc) String() string {
	if l == nil {
		return "(body)"
	}
	var parts []string
	for ; l != nil; l = l.parent {
		if l.key != nil {
			parts = append(parts, "."+string(l.key))
		} else {
			parts = append(parts, "["+strconv.Itoa(l.index)+"]")
		}
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
	}
	return strings.TrimPrefix(b.String(), ".")
}

// pathErr names where in the body a value broke the schema.
func pathErr(path *loc, format string, args ...any) error {
	return fmt.Errorf("%s: %s", path.String(), fmt.Sprintf(format, args...))
}

func (c *bodyChecker) check(v *fastjson.Value, path *loc) error {
	t := v.Type()
	if t == fastjson.TypeNull {
		if c.types&tNull != 0 {
			return nil
		}
		return pathErr(path, "value is not nullable")
	}
	if c.anything {
		return nil
	}
	if len(c.enum) > 0 {
		ok := false
		for _, e := range c.enum {
			if equalScalar(e, v) {
				ok = true
				break
			}
		}
		if !ok {
			return pathErr(path, "value is not one of the allowed values %v", c.enum)
		}
	}
	if c.hasConst && !equalScalar(c.constVal, v) {
		return pathErr(path, "value must be %v", c.constVal)
	}
	switch t {
	case fastjson.TypeTrue, fastjson.TypeFalse:
		if !c.permits(tBoolean) {
			return pathErr(path, "value must not be a boolean")
		}
	case fastjson.TypeNumber:
		return c.checkNumber(v, path)
	case fastjson.TypeString:
		return c.checkString(v, path)
	case fastjson.TypeArray:
		if !c.permits(tArray) {
			return pathErr(path, "value must not be an array")
		}
		a, _ := v.Array()
		if uint64(len(a)) < c.minItems {
			return pathErr(path, "minimum number of items is %d", c.minItems)
		}
		if c.maxItems != nil && uint64(len(a)) > *c.maxItems {
			return pathErr(path, "maximum number of items is %d", *c.maxItems)
		}
		if c.items != nil {
			for i, item := range a {
				if err := c.items.check(item, &loc{parent: path, index: i}); err != nil {
					return err
				}
			}
		}
	case fastjson.TypeObject:
		if !c.permits(tObject) {
			return pathErr(path, "value must not be an object")
		}
		return c.checkObject(v, path)
	}
	return nil
}

// permits reports whether the schema's type allows bit; a schema without a type
// allows every type.
func (c *bodyChecker) permits(bit typeSet) bool { return c.types == 0 || c.types&bit != 0 }

func (c *bodyChecker) checkNumber(v *fastjson.Value, path *loc) error {
	f, err := v.Float64()
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return pathErr(path, "not a finite number")
	}
	switch {
	case c.permits(tNumber):
	case c.types&tInteger != 0:
		if f != math.Trunc(f) {
			return pathErr(path, "value must be an integer")
		}
	default:
		return pathErr(path, "value must not be a number")
	}
	if c.numFormat != nil && !(c.types&tInteger != 0 && c.types&tNumber == 0) {
		if err := c.numFormat.Validate(f); err != nil {
			return pathErr(path, "number does not match the format: %v", err)
		}
	}
	if c.min != nil && f < *c.min {
		return pathErr(path, "number must be at least %g", *c.min)
	}
	if c.max != nil && f > *c.max {
		return pathErr(path, "number must be at most %g", *c.max)
	}
	return nil
}

func (c *bodyChecker) checkString(v *fastjson.Value, path *loc) error {
	if !c.permits(tString) {
		return pathErr(path, "value must not be a string")
	}
	b, _ := v.StringBytes()
	if c.minLen != 0 || c.maxLen != nil {
		// JSON Schema counts UTF-16 code units, as kin-openapi does.
		n := uint64(0)
		for i := 0; i < len(b); {
			r, size := utf8.DecodeRune(b[i:])
			n += uint64(utf16.RuneLen(r))
			i += size
		}
		if n < c.minLen {
			return pathErr(path, "minimum string length is %d", c.minLen)
		}
		if c.maxLen != nil && n > *c.maxLen {
			return pathErr(path, "maximum string length is %d", *c.maxLen)
		}
	}
	if c.pattern != nil && !c.pattern.Match(b) {
		return pathErr(path, "string does not match the regular expression %q", c.pattern.String())
	}
	if c.dateTime {
		if !validDateTime(b) {
			return pathErr(path, "string does not match the format \"date-time\"")
		}
	} else if c.strFormat != nil {
		if err := c.strFormat.Validate(string(b)); err != nil {
			return pathErr(path, "string does not match the format: %v", err)
		}
	}
	return nil
}

func (c *bodyChecker) checkObject(v *fastjson.Value, path *loc) error {
	o, _ := v.Object()
	var err error
	var seen uint64
	o.Visit(func(key []byte, val *fastjson.Value) {
		if err != nil {
			return
		}
		if c.requiredBit != nil {
			seen |= c.requiredBit[string(key)]
		}
		child := loc{parent: path, key: key}
		if pc, ok := c.props[string(key)]; ok {
			err = pc.check(val, &child)
			return
		}
		switch {
		case c.noAdditional:
			err = pathErr(&child, "property is not allowed")
		case c.additional != nil:
			err = c.additional.check(val, &child)
		}
	})
	if err != nil {
		return err
	}
	if c.requiredBit != nil && seen == c.allRequired {
		return nil
	}
	for _, k := range c.required {
		if o.Get(k) == nil {
			return pathErr(path, "property %q is missing", k)
		}
	}
	return nil
}

// equalScalar compares a schema's enum or const value (as YAML decoded it) with a
// JSON value.
func equalScalar(want any, v *fastjson.Value) bool {
	switch w := want.(type) {
	case nil:
		return v.Type() == fastjson.TypeNull
	case bool:
		return (w && v.Type() == fastjson.TypeTrue) || (!w && v.Type() == fastjson.TypeFalse)
	case string:
		b, err := v.StringBytes()
		return err == nil && string(b) == w
	case float64:
		f, err := v.Float64()
		return err == nil && v.Type() == fastjson.TypeNumber && f == w
	case int:
		f, err := v.Float64()
		return err == nil && v.Type() == fastjson.TypeNumber && f == float64(w)
	case int64:
		f, err := v.Float64()
		return err == nil && v.Type() == fastjson.TypeNumber && f == float64(w)
	}
	return false
}

// validDateTime is kin-openapi's "date-time" format check without its regular
// expression: FormatOfStringDateTime,
//
//	^[0-9]{4}-(0[1-9]|10|11|12)-(0[1-9]|[12][0-9]|3[01])T([0-1][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)([0-1][0-9]|2[0-3]):[0-5][0-9])$
//
// then a real calendar date (kin-openapi parses the first ten characters as
// time.DateOnly).
// TestValidDateTimeMatchesKinOpenAPI compares the two on many strings.
func validDateTime(b []byte) bool {
	digit := func(i int) bool { return i < len(b) && b[i] >= '0' && b[i] <= '9' }
	if len(b) < 20 || !digit(0) || !digit(1) || !digit(2) || !digit(3) || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return false
	}
	two := func(i int) (int, bool) {
		if !digit(i) || !digit(i+1) {
			return 0, false
		}
		return int(b[i]-'0')*10 + int(b[i+1]-'0'), true
	}
	mon, ok1 := two(5)
	day, ok2 := two(8)
	hour, ok3 := two(11)
	minute, ok4 := two(14)
	sec, ok5 := two(17)
	if !(ok1 && ok2 && ok3 && ok4 && ok5) || mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 60 {
		return false
	}
	i := 19
	if i < len(b) && b[i] == '.' {
		i++
		start := i
		for digit(i) {
			i++
		}
		if i == start {
			return false
		}
	}
	switch {
	case i == len(b)-1 && b[i] == 'Z':
	case i == len(b)-6 && (b[i] == '+' || b[i] == '-') && b[i+3] == ':':
		oh, okh := two(i + 1)
		om, okm := two(i + 4)
		if !okh || !okm || oh > 23 || om > 59 {
			return false
		}
	default:
		return false
	}
	year := int(b[0]-'0')*1000 + int(b[1]-'0')*100 + int(b[2]-'0')*10 + int(b[3]-'0')
	return day <= time.Date(year, time.Month(mon)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
