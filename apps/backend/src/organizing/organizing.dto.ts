import { CUSTOMER_NAME_MAX, TAG_COLOR, TAG_NAME_MAX } from '@herald/shared';
import { IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

export class CustomerNameDto {
  @IsString()
  @MaxLength(CUSTOMER_NAME_MAX)
  name!: string;
}

/** `customerId`: an existing customer's id, or null for none; or `name`: a customer found, or made, by name. */
export class AssignCustomerDto {
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  customerId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(CUSTOMER_NAME_MAX)
  name?: string;
}

export class CreateTagDto {
  @IsString()
  @MaxLength(TAG_NAME_MAX)
  name!: string;

  @IsOptional()
  @IsString()
  @Matches(TAG_COLOR, { message: 'color must be a hex color like #2563eb' })
  color?: string;
}

export class UpdateTagDto {
  @IsOptional()
  @IsString()
  @MaxLength(TAG_NAME_MAX)
  name?: string;

  @IsOptional()
  @IsString()
  @Matches(TAG_COLOR, { message: 'color must be a hex color like #2563eb' })
  color?: string;
}
