using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace HaVip.Server.Tests.Architecture;

/// <summary>
/// Which top-level folders (namespaces <c>HaVip.Server.X</c>) of the compiled server refer to which,
/// read from the assembly's metadata: base types, interfaces, field and method signatures, and every
/// type, method and field token in method bodies (lambdas and async state machines count for the
/// type that declares them). Source-level <c>using</c>s do not matter; what the IL refers to does.
/// </summary>
internal sealed class FeatureGraph
{
    private const string Root = "HaVip.Server.";
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly MetadataReader _reader;

    private FeatureGraph(MetadataReader reader) => _reader = reader;

    /// <summary>Feature → the features it refers to, each with one example "Type -> Type" pair.</summary>
    public Dictionary<string, Dictionary<string, string>> Edges { get; } = new(StringComparer.Ordinal);

    public static FeatureGraph Of(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var graph = new FeatureGraph(pe.GetMetadataReader());
        graph.Read(pe);
        return graph;
    }

    /// <summary>Strongly connected groups of more than one feature: each is a namespace cycle.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var nodes = Edges.Keys.Concat(Edges.Values.SelectMany(v => v.Keys)).Distinct(StringComparer.Ordinal).ToList();
        var reach = nodes.ToDictionary(n => n, Reachable, StringComparer.Ordinal);
        return nodes
            .Select(n => (IReadOnlyList<string>)nodes.Where(m => reach[n].Contains(m) && reach[m].Contains(n)).Order(StringComparer.Ordinal).ToList())
            .Where(group => group.Count > 1)
            .DistinctBy(group => string.Join(",", group))
            .ToList();
    }

    private HashSet<string> Reachable(string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([start]);
        while (stack.TryPop(out var node))
        {
            foreach (var next in Edges.GetValueOrDefault(node)?.Keys ?? Enumerable.Empty<string>())
            {
                if (seen.Add(next))
                {
                    stack.Push(next);
                }
            }
        }
        return seen;
    }

    private void Read(PEReader pe)
    {
        foreach (var handle in _reader.TypeDefinitions)
        {
            var type = _reader.GetTypeDefinition(handle);
            if (Feature(handle) is not { } from)
            {
                continue;
            }
            var refs = new HashSet<TypeDefinitionHandle>();
            AddType(type.BaseType, refs);
            foreach (var i in type.GetInterfaceImplementations())
            {
                AddType(_reader.GetInterfaceImplementation(i).Interface, refs);
            }
            foreach (var f in type.GetFields())
            {
                _reader.GetFieldDefinition(f).DecodeSignature(new Collector(refs), null);
            }
            foreach (var m in type.GetMethods())
            {
                var method = _reader.GetMethodDefinition(m);
                method.DecodeSignature(new Collector(refs), null);
                if (method.RelativeVirtualAddress != 0)
                {
                    ScanBody(pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes(), refs);
                }
            }
            foreach (var target in refs)
            {
                if (Feature(target) is { } to && to != from)
                {
                    var edges = Edges.TryGetValue(from, out var e) ? e : Edges[from] = new(StringComparer.Ordinal);
                    edges.TryAdd(to, $"{Name(handle)} -> {Name(target)}");
                }
            }
        }
    }

    private void ScanBody(byte[]? il, HashSet<TypeDefinitionHandle> refs)
    {
        if (il is not { } bytes)
        {
            return;
        }
        var at = 0;
        while (at < bytes.Length)
        {
            short code = bytes[at++];
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | bytes[at++]);
            }
            var operand = OperandTypes[code];
            if (operand is OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField)
            {
                AddToken(BitConverter.ToInt32(bytes.AsSpan(at, 4)), refs);
            }
            at += OperandSize(operand, bytes, at);
        }
    }

    private static int OperandSize(OperandType operand, byte[] bytes, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(bytes.AsSpan(at, 4))),
        _ => 4,
    };

    private void AddToken(int token, HashSet<TypeDefinitionHandle> refs)
    {
        var handle = MetadataTokens.EntityHandle(token);
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                refs.Add(_reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                refs.Add(_reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                AddType(_reader.GetMemberReference((MemberReferenceHandle)handle).Parent, refs);
                break;
            case HandleKind.MethodSpecification:
                var spec = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddToken(MetadataTokens.GetToken(spec.Method), refs);
                spec.DecodeSignature(new Collector(refs), null);
                break;
            default:
                AddType(handle, refs);
                break;
        }
    }

    private void AddType(EntityHandle handle, HashSet<TypeDefinitionHandle> refs)
    {
        if (handle.IsNil)
        {
            return;
        }
        if (handle.Kind == HandleKind.TypeDefinition)
        {
            refs.Add((TypeDefinitionHandle)handle);
        }
        else if (handle.Kind == HandleKind.TypeSpecification)
        {
            _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(new Collector(refs), null);
        }
    }

    /// <summary>The top-level folder of a type (nested types belong to the type that declares them).</summary>
    private string? Feature(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = _reader.GetTypeDefinition(outer);
        }
        var ns = _reader.GetString(type.Namespace);
        return ns.StartsWith(Root, StringComparison.Ordinal) ? ns[Root.Length..].Split('.')[0] : null;
    }

    private string Name(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        return $"{_reader.GetString(type.Namespace)}.{_reader.GetString(type.Name)}".TrimStart('.');
    }

    /// <summary>Records every type definition a signature names.</summary>
    private sealed class Collector(HashSet<TypeDefinitionHandle> refs) : ISignatureTypeProvider<object?, object?>
    {
        public object? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            refs.Add(handle);
            return null;
        }

        public object? GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public object? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => null;

        public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;

        public object? GetSZArrayType(object? elementType) => null;

        public object? GetArrayType(object? elementType, ArrayShape shape) => null;

        public object? GetByReferenceType(object? elementType) => null;

        public object? GetPointerType(object? elementType) => null;

        public object? GetPinnedType(object? elementType) => null;

        public object? GetGenericInstantiation(object? genericType, ImmutableArray<object?> typeArguments) => null;

        public object? GetGenericMethodParameter(object? genericContext, int index) => null;

        public object? GetGenericTypeParameter(object? genericContext, int index) => null;

        public object? GetFunctionPointerType(MethodSignature<object?> signature) => null;

        public object? GetModifiedType(object? modifier, object? unmodifiedType, bool isRequired) => null;
    }
}
