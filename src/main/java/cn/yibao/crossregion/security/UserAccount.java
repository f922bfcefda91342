package cn.yibao.crossregion.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.PasswordType;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user of the service, checked by quarkus-security-jpa for HTTP Basic and for form sign-in:
 * the password as a bcrypt hash in Modular Crypt Format, the roles comma-separated ({@link Role}).
 */
@Entity
@Table(name = "user_account")
@UserDefinition
public class UserAccount extends PanacheEntityBase {

    @Id
    @Username
    public String username;

    @Password(PasswordType.MCF)
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Roles
    @Column(nullable = false)
    public String roles;

    /** Creates the user, or gives an existing one this password and these roles. */
    public static void put(String username, String password, String roles, int bcryptCost) {
        UserAccount user = findById(username);
        if (user == null) {
            user = new UserAccount();
            user.username = username;
            user.passwordHash = BcryptUtil.bcryptHash(password, bcryptCost);
            user.roles = roles;
            user.persist();
        } else {
            user.passwordHash = BcryptUtil.bcryptHash(password, bcryptCost);
            user.roles = roles;
        }
    }
}
