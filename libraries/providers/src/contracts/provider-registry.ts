import { PROVIDER_METADATA } from './provider-metadata';
import { ProviderNotConfiguredError } from './provider-error';
import { PROVIDER_IDENTIFIERS, type ProviderIdentifier, type SocialProvider } from './provider.types';

export interface CatalogueEntry {
  identifier: ProviderIdentifier;
  name: string;
  configured: boolean;
  isBetweenSteps: boolean;
}

/** The configured providers, keyed by identifier. Lookups are typed; nothing is found by name at runtime. */
export class ProviderRegistry {
  private readonly providers: Readonly<Partial<Record<ProviderIdentifier, SocialProvider>>>;

  constructor(providers: Partial<Record<ProviderIdentifier, SocialProvider>>) {
    this.providers = { ...providers };
  }

  get(identifier: ProviderIdentifier): SocialProvider | undefined {
    return this.providers[identifier];
  }

  /** Throws `ProviderNotConfiguredError` (naming the env vars to set) when the provider is not configured. */
  require(identifier: ProviderIdentifier): SocialProvider {
    const provider = this.providers[identifier];
    if (!provider) throw new ProviderNotConfiguredError(identifier, PROVIDER_METADATA[identifier].requiredEnv);
    return provider;
  }

  isConfigured(identifier: ProviderIdentifier): boolean {
    return this.providers[identifier] !== undefined;
  }

  configured(): SocialProvider[] {
    return PROVIDER_IDENTIFIERS.flatMap((id) => {
      const provider = this.providers[id];
      return provider ? [provider] : [];
    });
  }

  catalogue(): CatalogueEntry[] {
    return PROVIDER_IDENTIFIERS.map((identifier) => ({
      identifier,
      name: PROVIDER_METADATA[identifier].name,
      configured: this.isConfigured(identifier),
      isBetweenSteps: PROVIDER_METADATA[identifier].isBetweenSteps,
    }));
  }
}
