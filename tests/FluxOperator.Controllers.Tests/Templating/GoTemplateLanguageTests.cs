using static FluxOperator.Controllers.Tests.Templating.TemplateRendering;

namespace FluxOperator.Controllers.Tests.Templating;

/// <summary>The Go text/template language with &lt;&lt; &gt;&gt; delimiters: facts from Go's exec and parse tests.</summary>
public class GoTemplateLanguageTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("<< \"hello\" >>", "hello")]
    [InlineData("<< `raw\\n` >>", "raw\\n")]
    [InlineData("<< 1 >>", "1")]
    [InlineData("<< 1.5 >>", "1.5")]
    [InlineData("<< 1e6 >>", "1e+06")]
    [InlineData("<< 1e3 >>", "1000")]
    [InlineData("<< 0x10 >>", "16")]
    [InlineData("<< 0o17 >>", "15")]
    [InlineData("<< 'a' >>", "97")]
    [InlineData("<< -5 >>", "-5")]
    [InlineData("<< true >>", "true")]
    [InlineData("<< . >>", "<no value>")]
    [InlineData("a <<- \" b \" ->> c", "a b c")]
    [InlineData("a\n\n<<- 1 >>", "a1")]
    [InlineData("<< 1 ->>\n\n  b", "1b")]
    [InlineData("a <</* comment */>> b", "a  b")]
    [InlineData("a <<- /* comment */ ->>\n b", "ab")]
    [InlineData("<< print 1 2 >>", "1 2")]
    [InlineData("<< print \"a\" \"b\" >>", "ab")]
    [InlineData("<< print \"a\" 1 2 \"b\" >>", "a1 2b")]
    [InlineData("<< println 1 \"a\" >>", "1 a\n")]
    [InlineData("<< printf \"%d-%s-%v-%q-%t\" 3 \"x\" 1.5 \"q\" true >>", "3-x-1.5-\"q\"-true")]
    [InlineData("<< printf \"%05.2f|%x|%X|%o|%b|%e\" 3.14159 255 255 8 5 1234.5678 >>", "03.14|ff|FF|10|101|1.234568e+03")]
    [InlineData("<< printf \"%d\" \"x\" >>", "%!d(string=x)")]
    [InlineData("<< printf \"%d %d\" 1 >>", "1 %!d(MISSING)")]
    [InlineData("<< printf \"%d\" 1 2 >>", "1%!(EXTRA int=2)")]
    [InlineData("<< printf \"%-4s|%4s|%%\" \"a\" \"b\" >>", "a   |   b|%")]
    [InlineData("<< \"x\" | printf \"%s-%s\" \"y\" >>", "y-x")]
    [InlineData("<< html \"<a href='x'>&\\\"\" >>", "&lt;a href=&#39;x&#39;&gt;&amp;&#34;")]
    [InlineData("<< js \"it's <b>\" >>", "it\\'s \\u003Cb\\u003E")]
    [InlineData("<< urlquery \"a b&c\" >>", "a+b%26c")]
    [InlineData("<< len \"héllo\" >>", "6")]
    [InlineData("<< index \"abc\" 1 >>", "98")]
    public void Literals_printing_and_builtins_match_go(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("<< if true >>y<< end >>", "y")]
    [InlineData("<< if 0 >>y<< else >>n<< end >>", "n")]
    [InlineData("<< if \"\" >>y<< else if 1 >>one<< else >>n<< end >>", "one")]
    [InlineData("<< if inputs.empty >>y<< else >>n<< end >>", "n")]
    [InlineData("<< if inputs.list >>y<< end >>", "y")]
    [InlineData("<< if inputs.zero >>y<< else >>n<< end >>", "n")]
    [InlineData("<< if inputs.nothing >>y<< else >>n<< end >>", "n")]
    [InlineData("<< with inputs.name >><< . >><< end >>", "app")]
    [InlineData("<< with inputs.empty >>x<< else with inputs.name >>w:<< . >><< end >>", "w:app")]
    [InlineData("<< with \"\" >>x<< else >>e<< end >>", "e")]
    [InlineData("<< range inputs.list >><< . >>,<< end >>", "a,b,c,")]
    [InlineData("<< range $i, $v := inputs.list >><< $i >>=<< $v >> << end >>", "0=a 1=b 2=c ")]
    [InlineData("<< range $k, $v := inputs.map >><< $k >>:<< $v >> << end >>", "a:1 b:2 z:3 ")]
    [InlineData("<< range $v := inputs.map >><< $v >><< end >>", "123")]
    [InlineData("<< range inputs.emptyList >>x<< else >>none<< end >>", "none")]
    [InlineData("<< range inputs.nothing >>x<< else >>none<< end >>", "none")]
    [InlineData("<< range 3 >><< . >><< end >>", "012")]
    [InlineData("<< range $i := 3 >><< $i >><< end >>", "012")]
    [InlineData("<< range inputs.list >><< if eq . \"b\" >><< break >><< end >><< . >><< end >>", "a")]
    [InlineData("<< range inputs.list >><< if eq . \"b\" >><< continue >><< end >><< . >><< end >>", "ac")]
    [InlineData("<< $x := 1 >><< if true >><< $x = 2 >><< end >><< $x >>", "2")]
    [InlineData("<< $x := 1 >><< if true >><< $x := 2 >><< $x >><< end >><< $x >>", "21")]
    [InlineData("<< range inputs.list >><< $ >><< end >>", "<no value><no value><no value>")]
    [InlineData("<< define \"t\" >>[<< . >>]<< end >><< template \"t\" \"x\" >><< template \"t\" >>", "[x][<no value>]")]
    [InlineData("<< block \"b\" 5 >>(<< . >>)<< end >>", "(5)")]
    [InlineData("<< and 1 0 2 >>|<< and 1 2 >>|<< or 0 \"\" 3 >>|<< or 0 \"\" >>|<< not 0 >>", "0|2|3||true")]
    [InlineData("<< and false (fail \"never\") >>", "false")]
    [InlineData("<< or true (fail \"never\") >>", "true")]
    [InlineData("<< (inputs.map).a >>", "1")]
    [InlineData("<< inputs.nested.a.b >>", "deep")]
    [InlineData("<< $m := inputs.nested >><< $m.a.b >>", "deep")]
    [InlineData("<< index inputs \"missing\" >>", "<no value>")]
    [InlineData("<< index inputs.nested \"a\" \"b\" >>", "deep")]
    [InlineData("<< index inputs.list 1 >>", "b")]
    [InlineData("<< inputs.list >> << inputs.map >>", "[a b c] map[a:1 b:2 z:3]")]
    [InlineData("<< inputs.float >> << inputs.big >> << inputs.million >>", "2.5 1e+06 1000000")]
    [InlineData("<< inputs.nothing >>", "<no value>")]
    [InlineData("<< eq inputs.million 1000000 >> << eq \"a\" \"b\" \"a\" >> << ne 1 2 >>", "true true true")]
    [InlineData("<< lt 1 2 >><< le 2 2 >><< gt \"b\" \"a\" >><< ge 1.5 2.5 >>", "truetruetruefalse")]
    [InlineData("<< eq inputs.nothing nil >>", "true")]
    public void Control_flow_variables_and_data_access_match_go(string template, string expected) =>
        Assert.Equal(expected, Render(template, Data));

    internal const string Data = """
        {"name": "app", "empty": "", "zero": 0, "nothing": null, "list": ["a", "b", "c"], "map": {"z": 3, "a": 1, "b": 2},
         "nested": {"a": {"b": "deep"}}, "emptyList": [], "float": 2.5, "big": 1e6, "million": 1000000, "str": "text"}
        """;

    [Theory]
    [InlineData("<< inputs.semver >>", "template: resourceset:1:3: executing \"resourceset\" at <inputs>: map has no entry for key \"semver\"")]
    [InlineData("line1\n  << inputs.name.x >>", "template: resourceset:2:5: executing \"resourceset\" at <inputs>: can't evaluate field x in type interface {}")]
    [InlineData("<< inputs.nothing.bar >>", "template: resourceset:1:3: executing \"resourceset\" at <inputs>: nil pointer evaluating interface {}.bar")]
    [InlineData("<< $s := inputs.str >><< $s.bar >>", "template: resourceset:1:27: executing \"resourceset\" at <$s.bar>: can't evaluate field bar in type string")]
    [InlineData("<< $m := inputs.map >><< $m.q >>", "template: resourceset:1:27: executing \"resourceset\" at <$m.q>: map has no entry for key \"q\"")]
    [InlineData("<< .foo >>", "template: resourceset:1:3: executing \"resourceset\" at <.foo>: nil data; no entry for key \"foo\"")]
    [InlineData("<< fail \"boom\" >>", "template: resourceset:1:3: executing \"resourceset\" at <fail \"boom\">: error calling fail: boom")]
    [InlineData("<< eq inputs.float 2 >>", "template: resourceset:1:3: executing \"resourceset\" at <eq inputs.float 2>: error calling eq: incompatible types for comparison")]
    [InlineData("<< lt true false >>", "template: resourceset:1:3: executing \"resourceset\" at <lt true false>: error calling lt: invalid type for comparison")]
    [InlineData("<< slugify inputs.zero >>", "template: resourceset:1:11: executing \"resourceset\" at <inputs>: wrong type for value; expected string; got int64")]
    [InlineData("<< inputs.zero | upper >>", "template: resourceset:1:17: executing \"resourceset\" at <upper>: wrong type for value; expected string; got int64")]
    [InlineData("<< repeat \"x\" \"y\" >>", "template: resourceset:1:10: executing \"resourceset\" at <\"x\">: expected integer; found \"x\"")]
    [InlineData("<< upper >>", "template: resourceset:1:3: executing \"resourceset\" at <upper>: wrong number of args for upper: want 1 got 0")]
    [InlineData("<< index inputs.list 5 >>", "template: resourceset:1:3: executing \"resourceset\" at <index inputs.list 5>: error calling index: index out of range: 5")]
    [InlineData("<< range inputs.str >><< end >>", "template: resourceset:1:9: executing \"resourceset\" at <inputs>: range can't iterate over text")]
    [InlineData("<< template \"nope\" >>", "template: resourceset:1:12: executing \"resourceset\" at <{{template \"nope\"}}>: template \"nope\" not defined")]
    [InlineData("<< define \"t\" >><< .x >><< end >><< template \"t\" inputs >>", "template: resourceset:1:19: executing \"t\" at <.x>: map has no entry for key \"x\"")]
    [InlineData("<< 1 2 >>", "template: resourceset:1:3: executing \"resourceset\" at <1>: can't give argument to non-function 1")]
    [InlineData("<< nil >>", "template: resourceset:1:3: executing \"resourceset\" at <nil>: nil is not a command")]
    public void Execution_errors_carry_gos_wording_and_position(string template, string expected) =>
        Assert.Equal(expected, ExecutionError(template, Data));

    [Theory]
    [InlineData("<< invalidFunc inputs.tenant >>-readonly", "template: resourceset:1: function \"invalidFunc\" not defined")]
    [InlineData("<< required \"x\" >>", "template: resourceset:1: function \"required\" not defined")]
    [InlineData("<< if true >>", "template: resourceset:1: unexpected EOF")]
    [InlineData("<< end >>", "template: resourceset:1: unexpected {{end}}")]
    [InlineData("<< else >>", "template: resourceset:1: unexpected {{else}}")]
    [InlineData("<< $x >>", "template: resourceset:1: undefined variable \"$x\"")]
    [InlineData("<< break >>", "template: resourceset:1: {{break}} outside {{range}}")]
    [InlineData("<< continue >>", "template: resourceset:1: {{continue}} outside {{range}}")]
    [InlineData("<< >>", "template: resourceset:1: missing value for command")]
    [InlineData("<< \"a\" | \"b\" >>", "template: resourceset:1: non executable command in pipeline stage 2")]
    [InlineData("<< \"abc >>", "template: resourceset:1: unterminated quoted string")]
    [InlineData("a\n<< 1", "template: resourceset:2: unclosed action")]
    [InlineData("<< 3x >>", "template: resourceset:1: bad number syntax: \"3x\"")]
    [InlineData("<< 99999999999999999999 >>", "template: resourceset:1: integer overflow: \"99999999999999999999\"")]
    [InlineData("<< define \"b\" >>x<< end >><< block \"b\" 5 >>y<< end >>", "template: resourceset:1: template: multiple definition of template \"b\"")]
    [InlineData("<< 1 ) >>", "template: resourceset:1: unexpected right paren")]
    [InlineData("<< \"x\".y >>", "template: resourceset:1: unexpected . after term \"\\\"x\\\"\"")]
    [InlineData("<</* x >>", "template: resourceset:1: unclosed comment")]
    [InlineData("<< range $a, $b, $c := . >><< end >>", "template: resourceset:1: too many declarations in range")]
    [InlineData("<< if 1 >>a<< else >>b<< else >>c<< end >>", "template: resourceset:1: expected end; found {{else}}")]
    [InlineData("<< # >>", "template: resourceset:1: unexpected \"#\" in command")]
    public void Parse_errors_carry_gos_wording(string template, string expected) =>
        Assert.Equal(expected, ParseError(template));

    [Fact]
    public void Inputs_is_an_empty_map_when_none_are_given()
    {
        Assert.Equal("0", Render("<< len inputs >>"));
        Assert.Equal(string.Empty, Render("<< get inputs \"name\" >>"));
        Assert.Contains("map has no entry for key \"name\"", ExecutionError("<< inputs.name >>"));
    }

    [Fact]
    public void Template_variables_do_not_leak_into_called_templates()
    {
        Assert.Contains("undefined variable \"$x\"",
            ParseError("<< $x := 1 >><< define \"t\" >><< $x >><< end >>"));
    }
}
