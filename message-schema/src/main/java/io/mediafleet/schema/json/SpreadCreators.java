package io.mediafleet.schema.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleModule;
import org.jspecify.annotations.Nullable;

/**
 * Builds messages through their constructor with a method handle made once per type, instead of
 * Jackson's {@code MethodHandle.invokeWithArguments}, which makes a new spreading adapter at every
 * call.
 *
 * <p>Every message is a record read through its canonical constructor. In jackson-databind 3.1,
 * {@code AnnotatedConstructor.call(Object[])} calls {@code invokeWithArguments}; at 40,000 radio
 * messages per second that adapter (method types looked up, an invoker built) was a third of the
 * JSON decoding on the radio loop in a profile. The arguments, their conversions (unboxing
 * included) and the wrapping of a constructor's exception are exactly Jackson's: only the handle is
 * kept. Any other creator (a factory method, a delegating creator, a constructor the handle cannot
 * reach) is left to Jackson as it is.
 */
final class SpreadCreators extends SimpleModule {

	private static final long serialVersionUID = 1L;

	SpreadCreators() {
		super("mediafleet-spread-creators");
	}

	@Override
	public void setupModule(SetupContext context) {
		super.setupModule(context);
		context.addValueInstantiators(new Instantiators());
	}

	private static final class Instantiators extends ValueInstantiators.Base {

		@Override
		public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
				BeanDescription.Supplier beanDescRef, ValueInstantiator defaultInstantiator) {
			// Only Jackson's own instantiator: a subclass may do more than call its creator.
			if (defaultInstantiator.getClass() != StdValueInstantiator.class
					|| !(defaultInstantiator.getWithArgsCreator() instanceof AnnotatedConstructor creator)) {
				return defaultInstantiator;
			}
			MethodHandle spread = spread(creator.getAnnotated());
			return (spread != null) ? new Spreading((StdValueInstantiator) defaultInstantiator, spread)
					: defaultInstantiator;
		}

		/** {@code (Object[]) -> Object} for the constructor, or null when it cannot be reached. */
		private static @Nullable MethodHandle spread(Constructor<?> constructor) {
			try {
				// Jackson has made the constructor accessible if it needed to be; otherwise it is public.
				MethodHandle handle = MethodHandles.lookup().unreflectConstructor(constructor);
				return handle.asSpreader(Object[].class, constructor.getParameterCount())
					.asType(MethodType.methodType(Object.class, Object[].class));
			}
			catch (IllegalAccessException | RuntimeException ex) {
				return null;
			}
		}

	}

	private static final class Spreading extends StdValueInstantiator {

		private static final long serialVersionUID = 1L;

		private final transient MethodHandle spread;

		Spreading(StdValueInstantiator source, MethodHandle spread) {
			super(source);
			this.spread = spread;
		}

		@Override
		public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
			try {
				return (Object) this.spread.invokeExact(args);
			}
			catch (Exception ex) {
				// What StdValueInstantiator does with a failing creator.
				return ctxt.handleInstantiationProblem(this._valueClass, args, rewrapCtorProblem(ctxt, ex));
			}
			catch (Throwable error) {
				throw (Error) error;
			}
		}

	}

}
