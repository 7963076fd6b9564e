using System.Runtime.CompilerServices;
using System.Text;

namespace FluxOperator.Controllers.Templating;

/// <summary>Walks a parsed template as Go's <c>text/template</c> executor does (<c>missingkey=error</c>, dot = nil).</summary>
internal sealed class Executor : IFunctionContext
{
    /// <summary>The "no final argument" marker of a pipeline's first command.</summary>
    private static readonly object Missing = new();

    private readonly Dictionary<string, ListNode> templates;
    private readonly string parseName;
    private readonly string text;
    private readonly StringBuilder output = new();
    private readonly CancellationToken cancellationToken;
    private readonly DateTimeOffset started;
    private readonly List<(string Name, object? Value)> vars = [];
    private long outputBytes;
    private long iterations;
    private int callDepth;
    private Node? current;
    private string currentTemplate;

    public Executor(Dictionary<string, ListNode> templates, string parseName, string text, object? inputs, TemplateLimits limits,
        TimeProvider time, CancellationToken cancellationToken)
    {
        this.templates = templates;
        this.parseName = parseName;
        this.text = text;
        Inputs = inputs;
        Limits = limits;
        Time = time;
        this.cancellationToken = cancellationToken;
        started = time.GetUtcNow();
        currentTemplate = parseName;
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    public object? Inputs { get; }

    public TemplateLimits Limits { get; }

    public TimeProvider Time { get; }

    public string Run()
    {
        vars.Add(("$", null));
        Walk(null, templates[parseName]);
        return output.ToString();
    }

    public void CheckSequence(long length, string function)
    {
        if (length > Limits.MaxSequenceLength)
        {
            throw new TemplateLimitException($"{function} result of {length} elements exceeds the limit of {Limits.MaxSequenceLength}");
        }
    }

    private void Tick()
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Time.GetUtcNow() - started > Limits.Timeout)
        {
            throw new TemplateLimitException($"template execution exceeds {FormatSeconds(Limits.Timeout)}");
        }
    }

    private static string FormatSeconds(TimeSpan span) =>
        span.TotalSeconds >= 1 && span.TotalSeconds == Math.Floor(span.TotalSeconds)
            ? $"{(long)span.TotalSeconds}s"
            : $"{(long)span.TotalMilliseconds}ms";

    private void Write(string value)
    {
        outputBytes += Encoding.UTF8.GetByteCount(value);
        if (outputBytes > Limits.MaxOutputBytes)
        {
            throw new TemplateLimitException($"template output exceeds {FormatBytes(Limits.MaxOutputBytes)}");
        }

        output.Append(value);
    }

    public static string FormatBytes(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} bytes";

    private object? At(Node node, object? value = null)
    {
        current = node;
        return value;
    }

    private TemplateExecutionException Error(string message)
    {
        if (current is null)
        {
            return new TemplateExecutionException($"template: {parseName}: {message}");
        }

        var prefix = text.AsSpan(0, Math.Min(current.Pos, text.Length));
        var lastNewline = prefix.LastIndexOf('\n');
        var line = 1 + prefix.Count('\n');
        var column = lastNewline < 0 ? Encoding.UTF8.GetByteCount(prefix) : Encoding.UTF8.GetByteCount(prefix[(lastNewline + 1)..]);
        var context = current.ToString() ?? string.Empty;
        if (context.Length > 20)
        {
            context = context[..20] + "...";
        }

        return new TemplateExecutionException(
            $"template: {parseName}:{line}:{column}: executing {GoFormat.Quote(currentTemplate)} at <{context}>: {message}");
    }

    private void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new TemplateLimitException("template execution nests too deeply");
        }
    }

    private Flow Walk(object? dot, Node node)
    {
        switch (node)
        {
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Decl.Count == 0)
                {
                    At(action);
                    Write(GoValues.PrintAction(value));
                }

                return Flow.Normal;
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    var flow = Walk(dot, child);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }

                return Flow.Normal;
            case TextNode textNode:
                Write(textNode.Text);
                return Flow.Normal;
            case CommentNode:
                return Flow.Normal;
            case BranchNode { Kind: BranchKind.Range } range:
                return WalkRange(dot, range);
            case BranchNode branch:
                return WalkIfOrWith(dot, branch);
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            case TemplateNode template:
                WalkTemplate(dot, template);
                return Flow.Normal;
            default:
                At(node);
                throw Error($"unknown node: {node}");
        }
    }

    private Flow WalkIfOrWith(object? dot, BranchNode branch)
    {
        var mark = vars.Count;
        try
        {
            var value = EvalPipeline(dot, branch.Pipe);
            if (GoValues.IsTrue(value))
            {
                return Walk(branch.Kind == BranchKind.With ? value : dot, branch.List);
            }

            return branch.ElseList is null ? Flow.Normal : Walk(dot, branch.ElseList);
        }
        finally
        {
            Pop(mark);
        }
    }

    private Flow WalkRange(object? dot, BranchNode range)
    {
        At(range);
        var outer = vars.Count;
        try
        {
            var value = EvalPipeline(dot, range.Pipe);
            var mark = vars.Count;
            var ran = false;
            switch (value)
            {
                case List<object?> list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        ran = true;
                        if (OneIteration(range, new GoInt(i), list[i], mark) == Flow.Break)
                        {
                            break;
                        }
                    }

                    break;
                case Dictionary<string, object?> map:
                    foreach (var key in GoValues.SortedKeys(map))
                    {
                        ran = true;
                        if (OneIteration(range, key, map[key], mark) == Flow.Break)
                        {
                            break;
                        }
                    }

                    break;
                case long or GoInt:
                    GoValues.IsInteger(value, out var count);
                    if (range.Pipe.Decl.Count > 1)
                    {
                        throw Error($"can't use {GoValues.Print(value)} to iterate over more than one variable");
                    }

                    for (long i = 0; i < count; i++)
                    {
                        ran = true;
                        object boxed = value is long ? i : new GoInt(i);
                        if (OneIteration(range, boxed, boxed, mark) == Flow.Break)
                        {
                            break;
                        }
                    }

                    break;
                case null:
                    break;
                default:
                    throw Error($"range can't iterate over {GoValues.Print(value)}");
            }

            if (!ran && range.ElseList is not null)
            {
                return Walk(dot, range.ElseList);
            }

            return Flow.Normal;
        }
        finally
        {
            Pop(outer);
        }
    }

    private Flow OneIteration(BranchNode range, object? index, object? element, int mark)
    {
        if (++iterations > Limits.MaxLoopIterations)
        {
            throw new TemplateLimitException($"template loops exceed {Limits.MaxLoopIterations} iterations");
        }

        Tick();
        var decl = range.Pipe.Decl;
        if (decl.Count > 0)
        {
            if (range.Pipe.IsAssign)
            {
                SetVar(decl[0].Ident[0], decl.Count > 1 ? index : element);
            }
            else
            {
                SetTopVar(1, element);
            }
        }

        if (decl.Count > 1)
        {
            if (range.Pipe.IsAssign)
            {
                SetVar(decl[1].Ident[0], element);
            }
            else
            {
                SetTopVar(2, index);
            }
        }

        try
        {
            return Walk(element, range.List);
        }
        finally
        {
            Pop(mark);
        }
    }

    private void WalkTemplate(object? dot, TemplateNode node)
    {
        At(node);
        if (!templates.TryGetValue(node.Name, out var template))
        {
            throw Error($"template {GoFormat.Quote(node.Name)} not defined");
        }

        if (callDepth >= Limits.MaxTemplateCallDepth)
        {
            throw new TemplateLimitException($"template calls nest deeper than {Limits.MaxTemplateCallDepth}");
        }

        EnsureStack();
        Tick();
        var value = node.Pipe is null ? null : EvalPipeline(dot, node.Pipe);
        var savedVars = vars.ToArray();
        var savedTemplate = currentTemplate;
        vars.Clear();
        vars.Add(("$", value));
        currentTemplate = node.Name;
        callDepth++;
        try
        {
            Walk(value, template);
        }
        finally
        {
            callDepth--;
            currentTemplate = savedTemplate;
            vars.Clear();
            vars.AddRange(savedVars);
        }
    }

    private void Pop(int mark) => vars.RemoveRange(mark, vars.Count - mark);

    private void SetVar(string name, object? value)
    {
        for (var i = vars.Count - 1; i >= 0; i--)
        {
            if (vars[i].Name == name)
            {
                vars[i] = (name, value);
                return;
            }
        }

        throw Error($"undefined variable: {name}");
    }

    private void SetTopVar(int n, object? value) => vars[^n] = (vars[^n].Name, value);

    private object? VarValue(string name)
    {
        for (var i = vars.Count - 1; i >= 0; i--)
        {
            if (vars[i].Name == name)
            {
                return vars[i].Value;
            }
        }

        throw Error($"undefined variable: {name}");
    }

    private object? EvalPipeline(object? dot, PipeNode pipe)
    {
        At(pipe);
        EnsureStack();
        var value = Missing;
        foreach (var cmd in pipe.Cmds)
        {
            value = EvalCommand(dot, cmd, value);
        }

        foreach (var variable in pipe.Decl)
        {
            if (pipe.IsAssign)
            {
                SetVar(variable.Ident[0], value);
            }
            else
            {
                vars.Add((variable.Ident[0], value));
            }
        }

        return value;
    }

    private object? EvalCommand(object? dot, CommandNode cmd, object? final)
    {
        var first = cmd.Args[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldChain(dot, At(field, dot), fromMap: false, field, field.Ident, cmd.Args, final);
            case ChainNode chain:
                return EvalChainNode(dot, chain, cmd.Args, final);
            case IdentifierNode identifier:
                return EvalFunction(dot, identifier, cmd, cmd.Args, final);
            case PipeNode pipe:
                NotAFunction(cmd.Args, final);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariableNode(dot, variable, cmd.Args, final);
        }

        At(first);
        NotAFunction(cmd.Args, final);
        switch (first)
        {
            case BoolNode b:
                return b.Value;
            case DotNode:
                return dot;
            case NilNode:
                throw Error("nil is not a command");
            case NumberNode number:
                return IdealConstant(number);
            case StringNode s:
                return s.Text;
        }

        throw Error($"can't evaluate command {GoFormat.Quote(first.ToString()!)}");
    }

    private void NotAFunction(List<Node> args, object? final)
    {
        if (args.Count > 1 || final != Missing)
        {
            throw Error($"can't give argument to non-function {args[0]}");
        }
    }

    private object IdealConstant(NumberNode constant)
    {
        At(constant);
        var t = constant.Text;
        var isHexInt = t.Length > 2 && t[0] == '0' && t[1] is 'x' or 'X' && t.AsSpan().IndexOfAny("pP") < 0;
        if (constant.IsFloat && !isHexInt && !constant.IsChar && t.AsSpan().IndexOfAny(".eEpP") >= 0)
        {
            return constant.Float64;
        }

        if (constant.IsInt)
        {
            return new GoInt(constant.Int64);
        }

        throw Error($"{t} overflows int");
    }

    private object? EvalChainNode(object? dot, ChainNode chain, List<Node>? args, object? final)
    {
        At(chain);
        if (chain.Node is NilNode)
        {
            throw Error($"indirection through explicit nil in {chain}");
        }

        var pipe = EvalArg(dot, null, chain.Node);
        return EvalFieldChain(dot, pipe, fromMap: false, chain, chain.Field, args, final);
    }

    private object? EvalVariableNode(object? dot, VariableNode variable, List<Node>? args, object? final)
    {
        At(variable);
        var value = VarValue(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            NotAFunction(args ?? [variable], final);
            return value;
        }

        return EvalFieldChain(dot, value, fromMap: false, variable, variable.Ident.AsSpan(1).ToArray(), args, final);
    }

    private object? EvalFieldChain(object? dot, object? receiver, bool fromMap, Node node, IReadOnlyList<string> ident, List<Node>? args, object? final)
    {
        for (var i = 0; i < ident.Count - 1; i++)
        {
            receiver = EvalField(ident[i], null, Missing, receiver, fromMap);
            fromMap = true;
        }

        return EvalField(ident[^1], args, final, receiver, fromMap);
    }

    private object? EvalField(string fieldName, List<Node>? args, object? final, object? receiver, bool fromMap)
    {
        if (receiver is null)
        {
            if (!fromMap)
            {
                throw Error($"nil data; no entry for key {GoFormat.Quote(fieldName)}");
            }

            throw Error($"nil pointer evaluating interface {{}}.{fieldName}");
        }

        if (receiver is Dictionary<string, object?> map)
        {
            var hasArgs = args is { Count: > 1 } || final != Missing;
            if (hasArgs)
            {
                throw Error($"{fieldName} is not a method but has arguments");
            }

            if (!map.TryGetValue(fieldName, out var result))
            {
                throw Error($"map has no entry for key {GoFormat.Quote(fieldName)}");
            }

            return result;
        }

        var type = fromMap ? "interface {}" : GoValues.TypeName(receiver);
        throw Error($"can't evaluate field {fieldName} in type {type}");
    }

    private object? EvalFunction(object? dot, IdentifierNode node, Node cmd, List<Node>? args, object? final)
    {
        At(node);
        var name = node.Ident;
        if (name is "and" or "or")
        {
            return EvalAndOr(dot, name == "and", cmd, args, final);
        }

        if (!TemplateFunctions.TryGet(name, out var function))
        {
            throw Error($"{GoFormat.Quote(name)} is not a defined function");
        }

        return EvalCall(dot, function, cmd, name, args, final);
    }

    private object? EvalAndOr(object? dot, bool isAnd, Node cmd, List<Node>? args, object? final)
    {
        var rest = args is null ? [] : args.Skip(1).ToList();
        var count = rest.Count + (final != Missing ? 1 : 0);
        if (count < 1)
        {
            throw Error($"wrong number of args for {(isAnd ? "and" : "or")}: want at least 1 got 0");
        }

        object? value = null;
        foreach (var arg in rest)
        {
            value = EvalArg(dot, ParamType.Any, arg);
            if (GoValues.IsTrue(value) != isAnd)
            {
                return value;
            }
        }

        if (final != Missing)
        {
            value = final;
        }

        _ = cmd;
        return value;
    }

    private object? EvalCall(object? dot, TemplateFunction function, Node node, string name, List<Node>? args, object? final)
    {
        var given = args is null ? 0 : args.Count - 1;
        var numIn = given + (final != Missing ? 1 : 0);
        var numFixed = function.Params.Length;
        if (function.VariadicType is not null)
        {
            if (numIn < numFixed)
            {
                throw Error($"wrong number of args for {name}: want at least {numFixed} got {given}");
            }
        }
        else if (numIn != numFixed)
        {
            throw Error($"wrong number of args for {name}: want {numFixed} got {numIn}");
        }

        var argv = new object?[numIn];
        var i = 0;
        for (; i < numFixed && i < given; i++)
        {
            argv[i] = EvalArg(dot, function.Params[i], args![i + 1]);
        }

        if (function.VariadicType is { } variadic)
        {
            for (; i < given; i++)
            {
                argv[i] = EvalArg(dot, variadic, args![i + 1]);
            }
        }

        if (final != Missing)
        {
            var type = function.VariadicType is { } v && numIn - 1 >= numFixed ? v : function.Params[numIn - 1];
            argv[i] = ValidateType(final, type);
        }

        Tick();
        try
        {
            return function.Invoke(this, argv);
        }
        catch (FunctionException e)
        {
            At(node);
            throw Error($"error calling {name}: {e.Message}");
        }
        catch (TemplateException)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidCastException or ArgumentException or IndexOutOfRangeException or FormatException
                                       or OverflowException or DivideByZeroException or InvalidOperationException or KeyNotFoundException
                                       or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            At(node);
            throw Error($"error calling {name}: {e.Message}");
        }
    }

    private object? EvalArg(object? dot, ParamType? type, Node node)
    {
        At(node);
        switch (node)
        {
            case DotNode:
                return ValidateType(dot, type);
            case NilNode:
                if (type is null or ParamType.Any or ParamType.Map or ParamType.Value)
                {
                    return null;
                }

                throw Error($"cannot assign nil to {TemplateFunction.GoTypeName(type.Value)}");
            case FieldNode field:
                return ValidateType(EvalFieldChain(dot, dot, fromMap: false, field, field.Ident, [node], Missing), type);
            case VariableNode variable:
                return ValidateType(EvalVariableNode(dot, variable, null, Missing), type);
            case PipeNode pipe:
                return ValidateType(EvalPipeline(dot, pipe), type);
            case IdentifierNode identifier:
                return ValidateType(EvalFunction(dot, identifier, identifier, null, Missing), type);
            case ChainNode chain:
                return ValidateType(EvalChainNode(dot, chain, null, Missing), type);
        }

        switch (type)
        {
            case ParamType.Bool:
                return node is BoolNode b ? b.Value : throw Error($"expected bool; found {node}");
            case ParamType.Float:
                return node is NumberNode { IsFloat: true } f ? f.Float64 : throw Error($"expected float; found {node}");
            case ParamType.Int:
                return node is NumberNode { IsInt: true } n ? new GoInt(n.Int64) : throw Error($"expected integer; found {node}");
            case ParamType.Text:
                return node is StringNode s ? s.Text : throw Error($"expected string; found {node}");
            case null or ParamType.Any or ParamType.Value:
                return node switch
                {
                    BoolNode literal => literal.Value,
                    NumberNode number => IdealConstant(number),
                    StringNode quoted => quoted.Text,
                    _ => throw Error($"can't handle {node} for arg of type interface {{}}"),
                };
            default:
                throw Error($"can't handle {node} for arg of type {TemplateFunction.GoTypeName(type.Value)}");
        }
    }

    private object? ValidateType(object? value, ParamType? type)
    {
        if (type is null or ParamType.Any or ParamType.Value)
        {
            return value;
        }

        if (value is null)
        {
            if (type is ParamType.Map)
            {
                return null;
            }

            throw Error($"invalid value; expected {TemplateFunction.GoTypeName(type.Value)}");
        }

        var ok = type switch
        {
            ParamType.Text => value is string,
            ParamType.Int => value is GoInt,
            ParamType.Float => value is double,
            ParamType.Bool => value is bool,
            ParamType.Map => value is Dictionary<string, object?>,
            ParamType.Time => value is DateTimeOffset,
            _ => true,
        };
        if (!ok)
        {
            throw Error($"wrong type for value; expected {TemplateFunction.GoTypeName(type.Value)}; got {GoValues.TypeName(value)}");
        }

        return value;
    }
}
