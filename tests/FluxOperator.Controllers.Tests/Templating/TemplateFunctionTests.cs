using FluxOperator.Controllers.Templating;
using static FluxOperator.Controllers.Tests.Templating.TemplateRendering;

namespace FluxOperator.Controllers.Tests.Templating;

/// <summary>The slim-sprig hermetic catalogue and the ResourceSet functions, one row per behaviour.</summary>
public class TemplateFunctionTests
{
    private const string Data = GoTemplateLanguageTests.Data;

    [Theory]
    // defaults and logic
    [InlineData("<< default \"d\" \"\" >>|<< default \"d\" \"v\" >>|<< \"\" | default \"d\" >>|<< default \"d\" >>", "d|v|d|d")]
    [InlineData("<< get inputs \"name\" | default inputs.str >>|<< get inputs \"none\" | default inputs.str >>", "app|text")]
    [InlineData("<< empty 0 >><< empty \"\" >><< empty inputs.emptyList >><< empty inputs.nothing >><< empty \"x\" >>", "truetruetruetruefalse")]
    [InlineData("<< coalesce 0 \"\" \"x\" >>|<< coalesce 0 >>", "x|<no value>")]
    [InlineData("<< all 1 \"a\" >><< all 1 \"\" >><< any 0 \"\" >><< any 0 1 >>", "truefalsefalsetrue")]
    [InlineData("<< ternary \"y\" \"n\" true >>|<< false | ternary \"y\" \"n\" >>", "y|n")]
    // strings
    [InlineData("<< trim \"  a b \\n\" >>|<< trimAll \"$\" \"$$a$\" >>|<< trimall \"-\" \"-a-\" >>|<< trimPrefix \"a\" \"aab\" >>|<< trimSuffix \"b\" \"abb\" >>", "a b|a|a|ab|ab")]
    [InlineData("<< upper \"aé\" >>|<< lower \"AB\" >>|<< title \"hello wOrld-x\" >>", "AÉ|ab|Hello WOrld-X")]
    [InlineData("<< substr 1 3 \"hello\" >>|<< substr -1 2 \"hello\" >>|<< substr 2 -1 \"hello\" >>|<< substr 2 99 \"hello\" >>", "el|he|llo|llo")]
    [InlineData("<< trunc 3 \"hello\" >>|<< trunc -2 \"hello\" >>|<< trunc 10 \"hi\" >>", "hel|lo|hi")]
    [InlineData("<< repeat 3 \"ab\" >>|<< \"x\" | repeat 2 >>", "ababab|xx")]
    [InlineData("<< contains \"ll\" \"hello\" >><< hasPrefix \"he\" \"hello\" >><< hasSuffix \"lo\" \"hello\" >>", "truetruetrue")]
    [InlineData("<< replace \"a\" \"b\" \"banana\" >>|<< plural \"one\" \"many\" 1 >>|<< plural \"one\" \"many\" 2 >>", "bbnbnb|one|many")]
    [InlineData("<< cat \"a\" 1 nil \"b\" >>|<< quote \"a\\\"b\" 1 nil >>|<< squote \"a\" 2 >>", "a 1 b|\"a\\\"b\" \"1\"|'a' '2'")]
    [InlineData("<< quote \"tab\\tnl\\n\" >>|<< quote inputs.float >>|<< quote inputs.big >>", "\"tab\\tnl\\n\"|\"2.5\"|\"1e+06\"")]
    [InlineData("<< indent 2 \"a\\nb\" >>|<< nindent 2 \"a\" >>", "  a\n  b|\n  a")]
    [InlineData("<< toString 5 >>|<< toString inputs.float >>|<< toString nil >>|<< toString inputs.list >>", "5|2.5|<nil>|[a b c]")]
    [InlineData("<< split \"/\" \"a/b/c\" >>|<< (split \"/\" \"a/b\")._1 >>|<< splitn \"/\" 2 \"a/b/c\" >>", "map[_0:a _1:b _2:c]|b|map[_0:a _1:b/c]")]
    [InlineData("<< splitList \",\" \"a,b\" >>|<< join \"-\" inputs.list >>|<< join \"-\" (list 1 nil \"x\") >>|<< toStrings (list 1 2) >>", "[a b]|a-b-c|1-x|[1 2]")]
    [InlineData("<< sortAlpha (list \"b\" \"a\" \"C\") >>|<< hello >>", "[C a b]|Hello!")]
    // numbers
    [InlineData("<< int \"42\" >>|<< int \"x\" >>|<< int 2.9 >>|<< int true >>|<< int64 \"7\" >>|<< float64 \"1.5\" >>|<< atoi \"12\" >>", "42|0|2|1|7|1.5|12")]
    [InlineData("<< add 1 2 3 >>|<< add1 inputs.million >>|<< sub 5 7 >>|<< mul 2 3 4 >>|<< div 7 2 >>|<< mod 7 3 >>", "6|1000001|-2|24|3|1")]
    [InlineData("<< max 1 5 3 >>|<< biggest 2 9 >>|<< min 4 2 8 >>|<< maxf 1.5 2 >>|<< minf 1.5 2 >>", "5|9|2|2|1.5")]
    [InlineData("<< floor 2.7 >>|<< ceil 2.1 >>|<< round 3.14159 2 >>|<< round 2.5 0 >>|<< round 2.45 1 0.6 >>", "2|3|3.14|3|2.4")]
    [InlineData("<< seq 3 >>|<< seq 2 4 >>|<< seq 0 2 6 >>|<< seq 3 1 >>|<< until 3 >>|<< untilStep 0 10 4 >>", "1 2 3|2 3 4|0 2 4 6|3 2 1|[0 1 2]|[0 4 8]")]
    [InlineData("<< toDecimal \"0777\" >>|<< toDecimal \"9\" >>", "511|0")]
    [InlineData("<< 1e6 | int >>|<< float64 1000000 >>|<< typeOf (float64 3) >>", "1000000|1e+06|float64")]
    // lists
    [InlineData("<< list 1 \"a\" >>|<< tuple >>|<< append inputs.list \"d\" >>|<< prepend inputs.list \"z\" >>|<< concat (list 1) (list 2 3) >>", "[1 a]|[]|[a b c d]|[z a b c]|[1 2 3]")]
    [InlineData("<< first inputs.list >>|<< rest inputs.list >>|<< last inputs.list >>|<< initial inputs.list >>|<< reverse inputs.list >>", "a|[b c]|c|[a b]|[c b a]")]
    [InlineData("<< uniq (list 1 1 2) >>|<< without (list 1 2 3) 2 >>|<< has \"b\" inputs.list >>|<< compact (list 0 \"\" \"a\" nil) >>", "[1 2]|[1 3]|true|[a]")]
    [InlineData("<< slice inputs.list 1 >>|<< slice inputs.list 0 2 >>|<< chunk 2 (list 1 2 3) >>|<< first (list) >>", "[b c]|[a b]|[[1 2] [3]]|<no value>")]
    // maps
    [InlineData("<< dict \"a\" 1 \"b\" >>|<< get (dict \"a\" 1) \"a\" >>|<< get (dict) \"x\" >>|<< hasKey inputs \"name\" >>", "map[a:1 b:]|1||true")]
    [InlineData("<< $d := dict \"a\" 1 >><< $_ := set $d \"b\" 2 >><< $d >>|<< unset $d \"a\" >>", "map[a:1 b:2]|map[b:2]")]
    [InlineData("<< keys inputs.map | sortAlpha >>|<< values (dict \"a\" 1) >>|<< pick inputs.map \"a\" \"q\" >>|<< omit inputs.map \"a\" >>", "[a b z]|[1]|map[a:1]|map[b:2 z:3]")]
    [InlineData("<< pluck \"a\" inputs.map (dict \"a\" 9) (dict) >>|<< dig \"nested\" \"a\" \"b\" \"none\" inputs >>|<< dig \"nested\" \"x\" \"none\" inputs >>", "[1 9]|deep|none")]
    // JSON
    [InlineData("<< toJson inputs.map >>|<< toJson \"<&>\" >>|<< toRawJson \"<&>\" >>|<< toJson 1e21 >>|<< toJson 0.0000001 >>", "{\"a\":1,\"b\":2,\"z\":3}|\"\\u003c\\u0026\\u003e\"|\"<&>\"|1e+21|1e-7")]
    [InlineData("<< toPrettyJson (dict \"a\" (list 1)) >>", "{\n  \"a\": [\n    1\n  ]\n}")]
    [InlineData("<< (fromJson \"{\\\"a\\\": 1}\").a | typeOf >>|<< fromJson \"bad\" >>|<< mustToJson nil >>", "float64|<no value>|null")]
    // encoding and hashes
    [InlineData("<< b64enc \"hello\" >>|<< b64dec \"aGVsbG8=\" >>|<< b64dec \"!!\" >>|<< b32enc \"hi\" >>|<< b32dec \"NBUQ====\" >>", "aGVsbG8=|hello|illegal base64 data at input byte 0|NBUQ====|hi")]
    [InlineData("<< sha1sum \"abc\" >>|<< sha256sum \"abc\" >>|<< adler32sum \"foo\" >>", "a9993e364706816aba3e25717850c26c9cd0d89d|ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad|42074437")]
    // regular expressions
    [InlineData("<< regexMatch \"^v[0-9]+$\" \"v12\" >>|<< regexMatch \"(\" \"x\" >>|<< regexFind \"[0-9]+\" \"ab12cd34\" >>|<< regexFindAll \"[0-9]\" \"a1b2c3\" 2 >>", "true|false|12|[1 2]")]
    [InlineData("<< regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"${1}W\" >>|<< regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"$1W\" >>|<< regexReplaceAllLiteral \"a(x*)b\" \"-ab-\" \"$1\" >>", "-W-xxW-|---|-$1-")]
    [InlineData("<< regexSplit \"z+\" \"pizza\" -1 >>|<< regexSplit \"z+\" \"pizza\" 1 >>|<< regexQuoteMeta \"a.b*c\" >>", "[pi a]|[pizza]|a\\.b\\*c")]
    // paths and URLs
    [InlineData("<< base \"/a/b.txt\" >>|<< dir \"/a/b.txt\" >>|<< clean \"a//b/../c\" >>|<< ext \"x.tar.gz\" >>|<< isAbs \"/x\" >>|<< osBase \"a/\" >>", "b.txt|/a|a/c|.gz|true|a")]
    [InlineData("<< $u := urlParse \"https://user@example.com:8080/p/a?q=1#frag\" >><< $u.scheme >>|<< $u.host >>|<< $u.hostname >>|<< $u.path >>|<< $u.query >>|<< $u.fragment >>|<< $u.userinfo >>", "https|example.com:8080|example.com|/p/a|q=1|frag|user")]
    [InlineData("<< urlJoin (dict \"scheme\" \"https\" \"host\" \"h.io\" \"path\" \"/x\" \"query\" \"a=1\") >>", "https://h.io/x?a=1")]
    // reflection
    [InlineData("<< typeOf \"s\" >>|<< typeOf inputs.million >>|<< typeOf 1 >>|<< typeOf inputs.float >>|<< typeOf inputs.map >>|<< typeOf inputs.list >>|<< typeOf nil >>", "string|int64|int|float64|map[string]interface {}|[]interface {}|<nil>")]
    [InlineData("<< kindOf inputs.map >>|<< kindOf inputs.list >>|<< kindIs \"string\" \"x\" >>|<< typeIs \"int64\" inputs.zero >>|<< typeIsLike \"int\" 1 >>|<< deepEqual (list 1) (list 1) >>", "map|slice|true|true|true|true")]
    // dates
    [InlineData("<< duration 90 >>|<< duration \"3600\" >>|<< durationRound \"2h30m\" >>|<< durationRound \"400ms\" >>", "0s|1h0m0s|2h|0s")]
    [InlineData("<< toDate \"2006-01-02\" \"2024-02-03\" | unixEpoch >>|<< mustDateModify \"1h\" (toDate \"2006-01-02\" \"2024-02-03\") | unixEpoch >>", "1706918400|1706922000")]
    // ResourceSet functions
    [InlineData("<< slugify \">=1.0.0-rc.0\" >>|<< inputs.name | slugify >>", "1-0-0-rc-0|app")]
    [InlineData("<< toYaml \"abc\" >>|<< toYaml inputs.map >>|<< toYaml nil >>|<< mustToYaml (list 1 \"2\") >>", "abc\n|a: 1\nb: 2\nz: 3\n|null\n|- 1\n- \"2\"\n")]
    public void Functions_behave_as_slim_sprig(string template, string expected) =>
        Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData(">=1.0.0-rc.0", "1-0-0-rc-0")]
    [InlineData(">=1.0.0", "1-0-0")]
    [InlineData("Hello World & Friends", "hello-world-and-friends")]
    [InlineData("feat/UI Footer", "feat-ui-footer")]
    [InlineData("user@example.com", "useratexample-com")]
    [InlineData("don't", "dont")]
    [InlineData("a—b", "a-b")]
    [InlineData("__init__", "init")]
    [InlineData("  Grüße Ærø  ", "grusse-aero")]
    [InlineData("Ça ŝe Łódź Жар", "ca-se-lodz-zhar")]
    [InlineData("aaaaaaaaaa-bbbbbbbbbb-cccccccccc-dddddddddd-eeeeeeeeee-ffffffffff-gggg", "aaaaaaaaaa-bbbbbbbbbb-cccccccccc-dddddddddd-eeeeeeeeee")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc")]
    public void Slugify_matches_gosimple_slug(string input, string expected) =>
        Assert.Equal(expected, Render("<< slugify inputs.s >>", $$"""{"s": {{System.Text.Json.JsonSerializer.Serialize(input)}}}"""));

    [Theory]
    [InlineData("<< slugify 5 >>", "at <5>: expected string; found 5")]
    [InlineData("<< mustRegexMatch \"(\" \"x\" >>", "error calling mustRegexMatch: error parsing regexp: missing closing ): `(`")]
    [InlineData("<< regexFind \"(\" \"x\" >>", "error calling regexFind: regexp: Compile(\"(\"): error parsing regexp: missing closing ): `(`")]
    [InlineData("<< mustFromJson \"{\" >>", "error calling mustFromJson:")]
    [InlineData("<< mustToJson (float64 \"NaN\") >>", "error calling mustToJson: json: unsupported value: NaN")]
    [InlineData("<< first 5 >>", "error calling first: Cannot find first on type int")]
    [InlineData("<< mustPush \"x\" 1 >>", "error calling mustPush: Cannot push on type string")]
    [InlineData("<< div 1 0 >>", "error calling div: runtime error: integer divide by zero")]
    [InlineData("<< dig \"a\" (dict) >>", "error calling dig: dig needs at least three arguments")]
    [InlineData("<< repeat -1 \"x\" >>", "error calling repeat: strings: negative Repeat count")]
    [InlineData("<< call 1 >>", "error calling call: non-function 1 of type int")]
    [InlineData("<< len 3 >>", "error calling len: len of type int")]
    [InlineData("<< index 3 1 >>", "error calling index: can't index item of type int")]
    [InlineData("<< repeat inputs.million \"x\" >>", "wrong type for value; expected int; got int64")]
    [InlineData("<< ternary 1 2 \"yes\" >>", "expected bool; found \"yes\"")]
    [InlineData("<< get \"x\" \"y\" >>", "can't handle \"x\" for arg of type map[string]interface {}")]
    [InlineData("<< upper nil >>", "cannot assign nil to string")]
    public void Function_errors_are_go_errors(string template, string expected) =>
        Assert.Contains(expected, ExecutionError(template, Data));

    [Fact]
    public void Missing_functions_from_helm_are_parse_errors()
    {
        foreach (var name in new[] { "required", "tpl", "include", "lookup", "toToml", "fromYaml", "now", "date", "env", "uuidv4", "randAlpha", "semver", "semverCompare", "genCA", "htpasswd", "encryptAES" })
        {
            Assert.Equal($"template: resourceset:1: function \"{name}\" not defined", ParseError($"<< {name} >>"));
        }
    }

    [Fact]
    public void Ago_reads_the_render_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_000_000));
        Assert.Equal("1m30s", Render("<< ago 999910 >>", time: clock));
    }

    [Fact]
    public void Set_on_inputs_does_not_leak_between_executions_of_a_fresh_input()
    {
        var template = GoTemplate.Parse("resourceset", "<< $_ := set inputs \"x\" 1 >><< inputs.x >>", TemplateLimits.Default);
        var inputs = System.Text.Json.Nodes.JsonNode.Parse("{}")!.AsObject();
        Assert.Equal("1", template.Execute(inputs, TemplateLimits.Default, CancellationToken.None));
        Assert.False(inputs.ContainsKey("x"));
    }
}
