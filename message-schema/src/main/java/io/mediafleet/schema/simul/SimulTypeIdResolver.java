package io.mediafleet.schema.simul;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.impl.TypeIdResolverBase;
import org.jspecify.annotations.Nullable;

/**
 * Lets Jackson map {@code mtype} to records through {@link SimulMessageType}, so both spellings
 * resolve in one place and the hyphenated one is written.
 */
final class SimulTypeIdResolver extends TypeIdResolverBase {

	@Override
	public String idFromValue(DatabindContext context, Object value) {
		return SimulMessageType.ofClass(value.getClass()).wireName();
	}

	@Override
	public String idFromValueAndType(DatabindContext context, @Nullable Object value, Class<?> suggestedType) {
		return SimulMessageType.ofClass((value != null) ? value.getClass() : suggestedType).wireName();
	}

	// null makes Jackson report an unknown type id, which the codec turns into its own error
	@Override
	public @Nullable JavaType typeFromId(DatabindContext context, String id) {
		return SimulMessageType.find(id).map((type) -> context.constructType(type.messageClass())).orElse(null);
	}

	@Override
	public String getDescForKnownTypeIds() {
		return Arrays.stream(SimulMessageType.values())
			.map(SimulMessageType::wireName)
			.collect(Collectors.joining(", "));
	}

	@Override
	public JsonTypeInfo.Id getMechanism() {
		return JsonTypeInfo.Id.CUSTOM;
	}

}
