namespace FluxOperator.Cel;

/// <summary>List member functions: the Kubernetes lists library and cel-go's list extensions.</summary>
internal static class CelLists
{
    public static CelValue? Invoke(string function, CelList list, CelValue[] args)
    {
        switch (function, args)
        {
            case ("size", []):
                return new CelInt(list.Count);
            case ("join", []):
                return new CelString(string.Concat(Strings(list)));
            case ("join", [CelString sep]):
                return new CelString(string.Join(sep.Value, Strings(list)));
            case ("isSorted", []):
                for (var i = 1; i < list.Count; i++)
                {
                    if (CelFunctions.Ordered(list[i - 1], list[i], "isSorted") > 0)
                    {
                        return CelBool.False;
                    }
                }

                return CelBool.True;
            case ("sum", []):
                return Sum(list);
            case ("min", []):
                return list.Count == 0 ? throw new CelEvaluationException("min called on empty list") : CelFunctions.Extreme([.. list.Items], max: false);
            case ("max", []):
                return list.Count == 0 ? throw new CelEvaluationException("max called on empty list") : CelFunctions.Extreme([.. list.Items], max: true);
            case ("indexOf", [var x]):
                for (var i = 0; i < list.Count; i++)
                {
                    if (CelValue.Equal(list[i], x))
                    {
                        return new CelInt(i);
                    }
                }

                return new CelInt(-1);
            case ("lastIndexOf", [var x]):
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    if (CelValue.Equal(list[i], x))
                    {
                        return new CelInt(i);
                    }
                }

                return new CelInt(-1);
            case ("slice", [CelInt start, CelInt end]):
                if (start.Value < 0 || end.Value < 0 || start.Value > end.Value || end.Value > list.Count)
                {
                    throw new CelEvaluationException($"cannot slice({start.Value}, {end.Value}), list is length {list.Count}");
                }

                return new CelArrayList([.. list.Items.Skip((int)start.Value).Take((int)(end.Value - start.Value))]);
            case ("reverse", []):
                return new CelArrayList([.. list.Items.Reverse()]);
            case ("distinct", []):
                var distinct = new List<CelValue>();
                foreach (var item in list.Items)
                {
                    if (!distinct.Any(d => CelValue.Equal(d, item)))
                    {
                        distinct.Add(item);
                    }
                }

                return new CelArrayList(distinct);
            case ("flatten", []):
                return new CelArrayList([.. list.Items.SelectMany(i => i is CelList inner ? inner.Items : [i])]);
            default:
                return null;
        }
    }

    private static IEnumerable<string> Strings(CelList list) =>
        list.Items.Select(i => i is CelString s ? s.Value : throw new CelEvaluationException($"join: list element is {i.Type.Name}, not string"));

    private static CelValue Sum(CelList list)
    {
        if (list.Count == 0)
        {
            return new CelInt(0);
        }

        CelValue total = list[0];
        for (var i = 1; i < list.Count; i++)
        {
            total = CelFunctions.Invoke("_+_", null, [total, list[i]]);
        }

        return total is CelInt or CelUInt or CelDouble or CelDuration ? total : throw new CelEvaluationException($"no such overload: sum(list({total.Type.Name}))");
    }
}
