import { IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

export class CustomerNameDto {
  @IsString()
  @MaxLength(100)
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
  @MaxLength(100)
  name?: string;
}

export class CreateTagDto {
  @IsString()
  @MaxLength(50)
  name!: string;

  @IsOptional()
  @IsString()
  @Matches(/^#[0-9a-f]{6}$/i, { message: 'color must be a hex color like #2563eb' })
  color?: string;
}

export class UpdateTagDto {
  @IsOptional()
  @IsString()
  @MaxLength(50)
  name?: string;

  @IsOptional()
  @IsString()
  @Matches(/^#[0-9a-f]{6}$/i, { message: 'color must be a hex color like #2563eb' })
  color?: string;
}
