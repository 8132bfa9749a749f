using Compliance.Rules.Expressions;

namespace Compliance.Rules;

/// <summary>Maps <see cref="ReSettings"/> (plus auto-registered input types) onto the expression layer's options.</summary>
internal static class ExpressionCompilers
{
    /// <summary>The expression layer's default collection-work budget per evaluation (<see cref="ReSettings.MaxCollectionWork"/>'s default).</summary>
    public static readonly long DefaultMaxCollectionWork = new ExpressionCompilerOptions().MaxCollectionWork;

    public static ExpressionCompiler Create(ReSettings settings, IEnumerable<Type> inputTypes)
    {
        var types = new List<Type>(settings.CustomTypes ?? []);
        if (settings.AutoRegisterInputType)
        {
            foreach (var type in inputTypes)
            {
                AddWithParts(type, types);
            }
        }

        return new ExpressionCompiler(new ExpressionCompilerOptions
        {
            CustomTypes = types.Distinct().ToArray(),
            IsCaseSensitive = settings.IsExpressionCaseSensitive,
            MaxCollectionWork = settings.MaxCollectionWork,
        });
    }

    private static void AddWithParts(Type type, List<Type> types)
    {
        if (type == typeof(object))
        {
            return;
        }

        types.Add(type);
        if (type.IsArray)
        {
            AddWithParts(type.GetElementType()!, types);
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                AddWithParts(argument, types);
            }
        }
    }
}
