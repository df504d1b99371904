import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class SelectPageDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  pageId!: string;
}

/** The only provider functions a client may call through `functionIntegration`. */
export const INTEGRATION_FUNCTIONS = ['pages', 'refresh'] as const;
export type IntegrationFunction = (typeof INTEGRATION_FUNCTIONS)[number];

export class IntegrationFunctionDto {
  @IsUUID()
  id!: string;

  @IsIn(INTEGRATION_FUNCTIONS, { message: `name must be one of ${INTEGRATION_FUNCTIONS.join(', ')}` })
  name!: IntegrationFunction;

  @IsOptional()
  data?: unknown;
}
