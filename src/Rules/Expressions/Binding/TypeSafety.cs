using System.Reflection;

namespace Compliance.Rules.Expressions.Binding;

/// <summary>
/// The deny side of "safe by construction": types and members that must never be reachable from a rule, whatever the
/// inputs or custom types expose. Reflection, code loading, processes, files, network, interop, threads and delegates.
/// </summary>
internal static class TypeSafety
{
    private static readonly string[] DeniedNamespaces =
    [
        "System.Reflection", "System.IO", "System.Diagnostics", "System.Net", "System.Runtime", "System.Security",
        "System.Threading", "System.CodeDom", "System.Linq.Expressions", "System.Resources", "Microsoft.Win32", "System.Web",
    ];

    /// <summary>Names refused with a clear message instead of "unknown identifier".</summary>
    private static readonly HashSet<string> DeniedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "System", "Type", "Assembly", "Activator", "AppDomain", "AppContext", "Environment", "GC", "Console", "File", "FileInfo",
        "Directory", "DirectoryInfo", "Path", "Process", "ProcessStartInfo", "Marshal", "Thread", "Task", "ThreadPool", "HttpClient",
        "WebClient", "WebRequest", "Socket", "TcpClient", "Dns", "Delegate", "MethodInfo", "MemberInfo", "Expression", "Enum",
        "Registry", "Unsafe", "RuntimeHelpers", "Microsoft", "typeof", "nameof", "sizeof", "default",
    };

    public static bool IsDeniedName(string name) => DeniedNames.Contains(name);

    public static bool IsAllowedType(Type type)
    {
        while (type.HasElementType)
        {
            type = type.GetElementType()!;
        }

        if (type == typeof(Type) || typeof(MemberInfo).IsAssignableFrom(type) || typeof(Assembly).IsAssignableFrom(type)
            || typeof(Delegate).IsAssignableFrom(type) || type == typeof(AppDomain) || type == typeof(Activator)
            || type == typeof(Environment) || type == typeof(GC) || type == typeof(Console) || type == typeof(AppContext)
            || type.IsPointer || type.IsByRef || type.IsByRefLike || type == typeof(IntPtr) || type == typeof(UIntPtr))
        {
            return false;
        }

        var ns = type.Namespace ?? string.Empty;
        foreach (var denied in DeniedNamespaces)
        {
            if (ns == denied || ns.StartsWith(denied + ".", StringComparison.Ordinal))
            {
                // ValueTuple-like runtime types live in System; the runtime helpers we generate are in our own namespace.
                return false;
            }
        }

        return !type.IsGenericType || type.GetGenericArguments().All(IsAllowedType);
    }

    public static bool IsAllowedMethod(MethodInfo method)
    {
        if (method.Name is "GetType" or "MemberwiseClone" or "Finalize" or "GetHashCode" or "Deconstruct"
            || method.IsGenericMethodDefinition || method.IsSpecialName && !method.Name.StartsWith("get_", StringComparison.Ordinal))
        {
            return false;
        }

        return IsAllowedType(method.DeclaringType!) && IsAllowedType(method.ReturnType)
            && method.GetParameters().All(p => !p.IsOut && !p.ParameterType.IsByRef && IsAllowedType(p.ParameterType));
    }
}
