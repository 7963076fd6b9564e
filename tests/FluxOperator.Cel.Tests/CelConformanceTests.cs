using FluxOperator.Cel;

namespace FluxOperator.Cel.Tests;

/// <summary>
/// Cases stated by the CEL language definition and cel-go's conformance suite (basic, integer and floating-point math,
/// logic, comparisons, conversions, strings, lists, macros, optionals), plus the Kubernetes and cel-go extension
/// libraries. Results are written in CEL literal syntax; <c>error: …</c> names a fragment of the evaluation error.
/// </summary>
public sealed class CelConformanceTests
{
    public static TheoryData<string, string> Cases => new()
    {
        // Literals.
        { "42", "42" },
        { "0x10", "16" },
        { "-9223372036854775808", "-9223372036854775808" },
        { "9223372036854775807", "9223372036854775807" },
        { "18446744073709551615u", "18446744073709551615u" },
        { "1e3", "1000.0" },
        { ".5", "0.5" },
        { "'\\x41\\u0042\\103'", "\"ABC\"" },
        { "r'\\n'", "\"\\\\n\"" },
        { "'''a'b'''", "\"a'b\"" },
        { "\"\"\"two\nlines\"\"\"", "\"two\\nlines\"" },
        { "b'\\xff' == bytes('\\u00ff')", "false" },
        { "size(b'\\xff')", "1" },
        { "null", "null" },

        // Integer math: overflow and division are errors, never wrap-around.
        { "1 + 2 * 3", "7" },
        { "9223372036854775807 + 1", "error: overflow" },
        { "-9223372036854775808 - 1", "error: overflow" },
        { "-(-9223372036854775808)", "error: overflow" },
        { "-9223372036854775808 / -1", "error: overflow" },
        { "4611686018427387904 * 2", "error: overflow" },
        { "5 / 0", "error: division by zero" },
        { "5 % 0", "error: modulus by zero" },
        { "-5 / 2", "-2" },
        { "-5 % 2", "-1" },
        { "1u - 2u", "error: overflow" },
        { "18446744073709551615u + 1u", "error: overflow" },
        { "7u / 2u", "3u" },

        // No implicit mixing in arithmetic; comparisons and equality across numeric types.
        { "1 + 1.0", "error: no such overload" },
        { "1 + 1u", "error: no such overload" },
        { "1 == 1.0", "true" },
        { "1u == 1", "true" },
        { "1 < 1.5", "true" },
        { "2u > 1", "true" },
        { "-1 < 0u", "true" },
        { "9223372036854775807 < 9223372036854775808.0", "true" },
        { "1 == 'a'", "false" },
        { "[1, 'a'] == [1, 'a']", "true" },
        { "[1] == [1.0]", "true" },
        { "{'a': [1]} == {'a': [1]}", "true" },
        { "{'a': 1} == {'a': 2}", "false" },
        { "null == null", "true" },
        { "'abc' < 'abd'", "true" },
        { "b'a' < b'b'", "true" },
        { "false < true", "true" },
        { "'a' < 1", "error: no such overload" },

        // Floating point.
        { "1.0 / 0.0", "+Inf" },
        { "0.0 / 0.0 == 0.0 / 0.0", "false" },
        { "0.0 / 0.0 < 1.0", "false" },
        { "2.5 * 2.0", "5.0" },
        { "5.0 % 2.0", "error: no such overload" },

        // Logic: && and || absorb errors when the other side decides; the ternary evaluates one branch.
        { "false && (1 / 0 == 1)", "false" },
        { "(1 / 0 == 1) && false", "false" },
        { "(1 / 0 == 1) || true", "true" },
        { "true || (1 / 0 == 1)", "true" },
        { "(1 / 0 == 1) && true", "error: division by zero" },
        { "!true", "false" },
        { "true ? 1 : 1 / 0", "1" },
        { "false ? 1 / 0 : 'b'", "\"b\"" },
        { "1 ? 2 : 3", "error: no such overload" },
        { "'a' && true", "error: no such overload" },

        // Lists and maps.
        { "[1, 2] + [3]", "[1, 2, 3]" },
        { "[1, 2, 3][1]", "2" },
        { "[1, 2][2]", "error: index out of bounds: 2" },
        { "[1, 2][-1]", "error: index out of bounds" },
        { "{'a': 1}['b']", "error: no such key: b" },
        { "{'a': 1}.a", "1" },
        { "{'a': 1}.b", "error: no such key: b" },
        { "{1: 'x'}[1u]", "\"x\"" },
        { "{1: 'x'}[1.0]", "\"x\"" },
        { "{'a': 1, 'a': 2}", "error: repeated key" },
        { "2 in [1, 2]", "true" },
        { "3 in [1, 2]", "false" },
        { "'a' in {'a': 1}", "true" },
        { "size([1, 2])", "2" },
        { "size({'a': 1})", "1" },
        { "[].size()", "0" },

        // has() and macros.
        { "has({'a': 1}.a)", "true" },
        { "has({'a': 1}.b)", "false" },
        { "has({'a': {'b': 1}}.a.b)", "true" },
        { "[1, 2, 3].all(x, x > 0)", "true" },
        { "[1, 2, 3].exists(x, x == 2)", "true" },
        { "[1, 2, 3].exists_one(x, x > 1)", "false" },
        { "[1, 2, 3].exists_one(x, x > 2)", "true" },
        { "[1, 2, 3].map(x, x * 2)", "[2, 4, 6]" },
        { "[1, 2, 3].map(x, x > 1, x * 10)", "[20, 30]" },
        { "[1, 2, 3].filter(x, x > 1)", "[2, 3]" },
        { "{'a': 1, 'b': 2}.all(k, k != 'c')", "true" },
        { "{'a': 1, 'b': 2}.map(k, k)", "[\"a\", \"b\"]" },
        { "[0, -1].all(x, 1 / x > 0)", "false" },
        { "[1, 0].all(x, 1 / x > 0)", "error: division by zero" },
        { "[0, 1].exists(x, 1 / x > 0)", "true" },
        { "[].all(x, x)", "true" },
        { "[].exists(x, x)", "false" },
        { "[[1], [2, 3]].map(l, l.size())", "[1, 2]" },
        { "cel.bind(x, 2, x * x)", "4" },
        { "1.all(x, true)", "error: cannot be range of a comprehension" },

        // Conversions and types.
        { "int('123')", "123" },
        { "int('12a')", "error: cannot convert" },
        { "int(2.9)", "2" },
        { "int(-2.9)", "-2" },
        { "int(1e19)", "error: overflow" },
        { "int(42u)", "42" },
        { "uint(-1)", "error: overflow" },
        { "uint(42)", "42u" },
        { "double('1.5')", "1.5" },
        { "double(3)", "3.0" },
        { "string(1.5)", "\"1.5\"" },
        { "string(10u)", "\"10\"" },
        { "string(-7)", "\"-7\"" },
        { "string(true)", "\"true\"" },
        { "string(b'abc')", "\"abc\"" },
        { "bytes('abc') == b'abc'", "true" },
        { "bool('true')", "true" },
        { "bool('nope')", "error: type conversion error" },
        { "type(1) == int", "true" },
        { "type(1u) == uint", "true" },
        { "type('a') == string", "true" },
        { "type([]) == list", "true" },
        { "type({}) == map", "true" },
        { "type(null) == null_type", "true" },
        { "type(1) == type(1.0)", "false" },
        { "type(type(1)) == type", "true" },
        { "dyn(1) == 1", "true" },

        // Durations and timestamps.
        { "duration('1h30m') == duration('90m')", "true" },
        { "string(duration('1m30s'))", "\"90s\"" },
        { "string(duration('1.5s'))", "\"1.5s\"" },
        { "duration('2h').getMinutes()", "120" },
        { "duration('1x')", "error: unknown unit" },
        { "timestamp('2023-01-01T00:00:00Z') + duration('24h') == timestamp('2023-01-02T00:00:00Z')", "true" },
        { "timestamp('2023-01-02T00:00:00Z') - timestamp('2023-01-01T00:00:00Z') == duration('24h')", "true" },
        { "timestamp('2023-01-01T12:34:56Z').getHours()", "12" },
        { "timestamp('2023-03-01T00:00:00Z').getMonth()", "2" },
        { "timestamp('2023-01-01T00:00:00+01:00') < timestamp('2023-01-01T00:00:00Z')", "true" },
        { "string(timestamp('2023-01-01T00:00:00Z'))", "\"2023-01-01T00:00:00Z\"" },
        { "int(timestamp('1970-01-01T00:01:00Z'))", "60" },

        // Strings: standard functions and the strings extension (indices count code points).
        { "'abc' + 'def'", "\"abcdef\"" },
        { "size('héllo')", "5" },
        { "'hello'.contains('ell')", "true" },
        { "'hello'.startsWith('he')", "true" },
        { "'hello'.endsWith('lo')", "true" },
        { "'hello'.matches('^h.*o$')", "true" },
        { "'hello'.matches('ell')", "true" },
        { "matches('hello', '^x')", "false" },
        { "'hello'.matches('(')", "error: error parsing regexp" },
        { "'x'.matches('(?P<n>x)')", "true" },
        { "'Hello World'.lowerAscii()", "\"hello world\"" },
        { "'Hello'.upperAscii()", "\"HELLO\"" },
        { "'  x \\n'.trim()", "\"x\"" },
        { "'a,b,c'.split(',')", "[\"a\", \"b\", \"c\"]" },
        { "'a,b,c'.split(',', 2)", "[\"a\", \"b,c\"]" },
        { "'abc'.split('')", "[\"a\", \"b\", \"c\"]" },
        { "['a', 'b'].join('-')", "\"a-b\"" },
        { "['a', 'b'].join()", "\"ab\"" },
        { "'hello'.replace('l', 'L')", "\"heLLo\"" },
        { "'hello'.replace('l', 'L', 1)", "\"heLlo\"" },
        { "'hello'.indexOf('l')", "2" },
        { "'héllo'.indexOf('l')", "2" },
        { "'hello'.indexOf('l', 3)", "3" },
        { "'hello'.indexOf('z')", "-1" },
        { "'hello'.lastIndexOf('l')", "3" },
        { "'hello'.substring(1, 3)", "\"el\"" },
        { "'hello'.substring(2)", "\"llo\"" },
        { "'hello'.substring(6)", "error: index out of range: 6" },
        { "'hello'.substring(3, 1)", "error: invalid substring range" },
        { "'hello'.charAt(1)", "\"e\"" },
        { "'abc'.reverse()", "\"cba\"" },
        { "'%s is %d'.format(['x', 3])", "\"x is 3\"" },
        { "'%.2f'.format([1.2345])", "\"1.23\"" },
        { "'%s'.format([[1, 'a']])", "\"[1, \\\"a\\\"]\"" },
        { "'%x'.format([255])", "\"ff\"" },
        { "'%d'.format(['a'])", "error: decimal clause" },
        { "strings.quote('a\"b')", "\"\\\"a\\\\\\\"b\\\"\"" },
        { "'abc123'.find('[0-9]+')", "\"123\"" },
        { "'a1b22'.findAll('[0-9]+')", "[\"1\", \"22\"]" },

        // Kubernetes lists library.
        { "[1, 2, 3].isSorted()", "true" },
        { "[3, 1].isSorted()", "false" },
        { "['a', 'b'].isSorted()", "true" },
        { "[1, 2, 3].sum()", "6" },
        { "[1.5, 2.5].sum()", "4.0" },
        { "[].sum()", "0" },
        { "[3, 1, 2].min()", "1" },
        { "[3, 1, 2].max()", "3" },
        { "[].min()", "error: empty list" },
        { "[1, 2, 3].indexOf(2)", "1" },
        { "[1, 2, 1].lastIndexOf(1)", "2" },
        { "[1, 2, 3].indexOf(9)", "-1" },
        { "[1, 2, 3, 4].slice(1, 3)", "[2, 3]" },

        // Sets and encoders extensions.
        { "sets.contains([1, 2, 3], [2])", "true" },
        { "sets.contains([1], [1, 2])", "false" },
        { "sets.intersects([1], [2])", "false" },
        { "sets.equivalent([1, 2], [2, 1, 1])", "true" },
        { "string(base64.decode('b3BlbmVk')) == 'opened'", "true" },
        { "string(base64.decode('aGk'))", "\"hi\"" },
        { "base64.encode(b'hi')", "\"aGk=\"" },

        // Optional types.
        { "optional.of(1).value()", "1" },
        { "optional.none().hasValue()", "false" },
        { "optional.none().orValue(5)", "5" },
        { "optional.none().value()", "error: optional.none() dereference" },
        { "{'a': 1}.?a.orValue(0)", "1" },
        { "{'a': 1}.?b.orValue(0)", "0" },
        { "{'a': {'b': 1}}.?a.b.value()", "1" },
        { "{'a': {}}.?a.b.hasValue()", "false" },
        { "{'a': 1}[?'a'].value()", "1" },
        { "[1][?3].hasValue()", "false" },
        { "[?optional.none(), ?optional.of(2)]", "[2]" },
        { "{?'a': optional.none(), 'b': 1}", "{\"b\": 1}" },
        { "optional.ofNonZeroValue('').hasValue()", "false" },
        { "optional.none().or(optional.of(3)).value()", "3" },
        { "optional.of(2).optMap(x, x * 2).value()", "4" },
        { "has(optional.none().a)", "false" },

        // Unknown names are evaluation errors (no type checker).
        { "missing == 1", "error: no such attribute" },
        { "'a'.nope()", "error: no such overload" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expression_evaluates_as_the_cel_spec_states(string expression, string expected)
    {
        var program = CelProgram.Compile(expression);
        string actual;
        try
        {
            actual = CelLiteral.Render(program.Evaluate(new Dictionary<string, CelValue>()));
        }
        catch (CelEvaluationException e)
        {
            Assert.StartsWith("error: ", expected, StringComparison.Ordinal);
            Assert.Contains(expected["error: ".Length..], e.Message, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(expected, actual);
    }

    public static TheoryData<string, string> SyntaxErrors => new()
    {
        { "1 +", "ERROR: <input>:1:4: Syntax error: mismatched input '<EOF>' expecting" },
        { "has(a)", "invalid argument to has() macro" },
        { "[1].all(1, true)", "argument must be a simple name" },
        { "a.b.", "ERROR: <input>:1:5: Syntax error: mismatched input '<EOF>' expecting IDENTIFIER" },
        { "'unterminated", "Syntax error: token recognition error" },
        { "1 # 2", "Syntax error: token recognition error at: '#'" },
        { "if == 1", "reserved identifier: if" },
        { "99999999999999999999", "invalid int literal" },
        { "(1", "mismatched input '<EOF>' expecting ')'" },
    };

    [Theory]
    [MemberData(nameof(SyntaxErrors))]
    public void Malformed_expression_is_rejected_with_cel_go_message(string expression, string fragment)
    {
        var e = Assert.Throws<CelException>(() => CelProgram.Compile(expression));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_error_points_at_the_offending_column()
    {
        var e = Assert.Throws<CelException>(() => CelProgram.Compile("self.x =="));
        Assert.Equal("ERROR: <input>:1:10: Syntax error: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}\n | self.x ==\n | .........^", e.Message);
    }

    [Fact]
    public void Deeply_nested_input_is_refused_instead_of_exhausting_the_stack()
    {
        Assert.Throws<CelException>(() => CelProgram.Compile(new string('(', 10_000) + "1" + new string(')', 10_000)));
        Assert.Throws<CelException>(() => CelProgram.Compile(new string('!', 10_000) + "true"));
        Assert.Throws<CelException>(() => CelProgram.Compile(string.Join(" + ", Enumerable.Repeat("1", 5_000))));
    }

    [Fact]
    public void Long_expression_is_refused()
    {
        Assert.Throws<CelException>(() => CelProgram.Compile(new string(' ', CelProgram.MaxExpressionLength + 1)));
    }
}
