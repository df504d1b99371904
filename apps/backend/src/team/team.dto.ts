import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsTimeZone } from '../common/is-time-zone';

const normaliseEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class InviteDto {
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @IsIn(['ADMIN', 'MEMBER'], { message: 'role must be ADMIN or MEMBER' })
  role!: 'ADMIN' | 'MEMBER';
}

export class AcceptInvitationDto {
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
  @MaxLength(256)
  password?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsTimeZone()
  timezone?: string;
}

export class RoleDto {
  @IsIn(['OWNER', 'ADMIN', 'MEMBER'], { message: 'role must be OWNER, ADMIN or MEMBER' })
  role!: 'OWNER' | 'ADMIN' | 'MEMBER';
}

export class TransferDto {
  @IsUUID('all', { message: 'userId must be the id of a member' })
  userId!: string;
}

export class ForgotPasswordDto {
  @Transform(normaliseEmail)
  @IsString()
  @IsNotEmpty({ message: 'email must not be empty' })
  @MaxLength(254)
  email!: string;
}

export class ResetPasswordDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  token!: string;

  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
  @MaxLength(256)
  password!: string;
}
