using System.Globalization;

namespace Compliance.Rules.Expressions.Binding;

/// <summary>C# numeric promotion and implicit conversions, plus Dynamic LINQ's adaptation of literals to the other operand's type.</summary>
internal static class NumericTypes
{
    private static readonly Type[] Order =
        [typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)];

    public static bool IsNumeric(Type type) => Array.IndexOf(Order, type) >= 0;

    public static bool IsIntegral(Type type) => IsNumeric(type) && type != typeof(float) && type != typeof(double) && type != typeof(decimal);

    public static Type StripNullable(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    public static bool IsNullable(Type type) => Nullable.GetUnderlyingType(type) is not null;

    public static Type MakeNullable(Type type) => type.IsValueType && !IsNullable(type) ? typeof(Nullable<>).MakeGenericType(type) : type;

    /// <summary>The type both operands of a binary numeric operator convert to, or null when C# has no such operator.</summary>
    public static Type? Promote(Type a, Type b)
    {
        if (!IsNumeric(a) || !IsNumeric(b))
        {
            return null;
        }

        if (a == typeof(decimal) || b == typeof(decimal))
        {
            var other = a == typeof(decimal) ? b : a;
            return other == typeof(float) || other == typeof(double) ? null : typeof(decimal);
        }

        if (a == typeof(double) || b == typeof(double))
        {
            return typeof(double);
        }

        if (a == typeof(float) || b == typeof(float))
        {
            return typeof(float);
        }

        if (a == typeof(ulong) || b == typeof(ulong))
        {
            var other = a == typeof(ulong) ? b : a;
            return other is var o && (o == typeof(sbyte) || o == typeof(short) || o == typeof(int) || o == typeof(long)) ? null : typeof(ulong);
        }

        if (a == typeof(long) || b == typeof(long))
        {
            return typeof(long);
        }

        if (a == typeof(uint) || b == typeof(uint))
        {
            var other = a == typeof(uint) ? b : a;
            return other == typeof(sbyte) || other == typeof(short) || other == typeof(int) ? typeof(long) : typeof(uint);
        }

        return typeof(int);
    }

    private static readonly Dictionary<Type, Type[]> Widening = new()
    {
        [typeof(sbyte)] = [typeof(short), typeof(int), typeof(long), typeof(float), typeof(double), typeof(decimal)],
        [typeof(byte)] = [typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)],
        [typeof(short)] = [typeof(int), typeof(long), typeof(float), typeof(double), typeof(decimal)],
        [typeof(ushort)] = [typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)],
        [typeof(int)] = [typeof(long), typeof(float), typeof(double), typeof(decimal)],
        [typeof(uint)] = [typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)],
        [typeof(long)] = [typeof(float), typeof(double), typeof(decimal)],
        [typeof(ulong)] = [typeof(float), typeof(double), typeof(decimal)],
        [typeof(char)] = [typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)],
        [typeof(float)] = [typeof(double)],
    };

    /// <summary>C# implicit numeric conversion (widening) from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsImplicit(Type from, Type to) =>
        from == to || (Widening.TryGetValue(from, out var targets) && Array.IndexOf(targets, to) >= 0);

    /// <summary>
    /// Whether a literal takes the other operand's type instead of promoting it: an int literal to any numeric type it
    /// fits (C# constant conversions: <c>b == 5</c> on a byte), a real literal to decimal (Dynamic LINQ:
    /// <c>amount &gt; 10.5</c>). Never narrower: <c>i / 2.0</c> stays a double division and <c>i * 2L</c> a long.
    /// </summary>
    public static bool CanAdaptLiteral(object? value, Type to) =>
        (value is int && TryAdaptConstant(value, to, out _)) || (value is double && to == typeof(decimal) && TryAdaptConstant(value, to, out _));

    /// <summary>Converts a constant to a numeric type when the value survives exactly (5 to byte, 10.5 to decimal, 3 to double).</summary>
    public static bool TryAdaptConstant(object? value, Type to, out object? converted)
    {
        converted = null;
        if (value is null || !IsNumeric(value.GetType()) || !IsNumeric(to))
        {
            return false;
        }

        try
        {
            if (value is double d && to == typeof(decimal))
            {
                // (decimal)0.1 rounds to 15 significant digits, which gives back the literal the user wrote.
                converted = (decimal)d;
                return true;
            }

            converted = Convert.ChangeType(value, to, CultureInfo.InvariantCulture);
            var back = Convert.ChangeType(converted, value.GetType(), CultureInfo.InvariantCulture);
            return Equals(back, value);
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
